import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnownHostsStore } from '../../../../src/platform/ssh/known-hosts-store.js';

const keyA = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 2, 1, 2])]);
const keyB = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 2, 3, 4])]);

describe('KnownHostsStore', () => {
  it('reads the user files and the app file, and a missing file is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-khs-'));
    writeFileSync(join(dir, 'user'), `10.0.0.1 ssh-ed25519 ${keyA.toString('base64')}\n`);
    const store = new KnownHostsStore([join(dir, 'user'), join(dir, 'absent')], join(dir, 'app', 'known_hosts'));
    const entries = await store.entries();
    expect(entries.map((e) => [e.file, e.hosts])).toEqual([[join(dir, 'user'), '10.0.0.1']]);
    expect(await store.entries([join(dir, 'absent')])).toEqual([]);
  });

  it('records keys accepted at the same moment without losing one, in a 0600 file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-khs-'));
    const app = join(dir, 'cfg', 'known_hosts');
    const store = new KnownHostsStore([], app);
    await Promise.all([store.remember('10.0.0.1', keyA), store.remember('[10.0.0.2]:2222', keyB)]);
    const text = readFileSync(app, 'utf8');
    expect(text.trim().split('\n')).toEqual([
      `10.0.0.1 ssh-ed25519 ${keyA.toString('base64')}`,
      `[10.0.0.2]:2222 ssh-ed25519 ${keyB.toString('base64')}`,
    ]);
    expect(statSync(app).mode & 0o777).toBe(0o600);
    expect((await store.entries()).map((e) => e.hosts)).toEqual(['10.0.0.1', '[10.0.0.2]:2222']);
  });
});
