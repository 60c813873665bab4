import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveWriter } from '../../../../src/platform/archive/archive-writer.js';
import { hashMember, listArchive } from '../../../../src/platform/archive/archive-reader.js';
import { parseTarHeader, tarHeader } from '../../../../src/platform/archive/tar-header.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the backup archive (ustar)', () => {
  it('streams members, rewrites their headers with the real size, and GNU tar reads it back byte for byte', async () => {
    const path = join(dir, 'a.tar');
    const writer = await ArchiveWriter.create(path, 1_700_000_000);
    const big = Buffer.alloc(700_001, 7);
    const first = await writer.member('data/0.tar', async (sink) => {
      sink.write(big.subarray(0, 300_000));
      sink.write(big.subarray(300_000));
    });
    await writer.text('manifest.json', '{"x":1}\n');
    await writer.finish();
    expect(first.bytes).toBe(700_001);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' })).toBe('data/0.tar\nmanifest.json\n');
    expect(execFileSync('tar', ['-xOf', path, 'manifest.json'], { encoding: 'utf8' })).toBe('{"x":1}\n');
    const listing = await listArchive(path);
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    expect(listing.members.map((m) => [m.name, m.bytes])).toEqual([['data/0.tar', 700_001], ['manifest.json', 8]]);
    expect(await hashMember(path, listing.members[0]!)).toBe(first.sha256);
  });

  it('a truncated archive and a file that is not a tar are refused with the reason', async () => {
    const path = join(dir, 't.tar');
    const writer = await ArchiveWriter.create(path, 0);
    await writer.text('data/0.tar', 'x'.repeat(5000));
    await writer.finish();
    truncateSync(path, 3000);
    expect(await listArchive(path)).toEqual({ ok: false, reason: expect.stringMatching(/truncated/) });
    const text = join(dir, 'n.txt');
    execFileSync('sh', ['-c', `printf 'hello' > ${text}`]);
    expect(await listArchive(text)).toEqual({ ok: false, reason: expect.stringMatching(/truncated|not a homelab-tui backup/) });
    expect(readFileSync(text, 'utf8')).toBe('hello');
  });

  it('a header with a wrong checksum is not taken; sizes past 8 GiB round-trip in base-256', () => {
    const header = tarHeader({ name: 'x', size: 9 * 1024 ** 3, mode: 0o600, mtime: 1 });
    const parsed = parseTarHeader(header);
    expect(parsed).toEqual({ kind: 'entry', type: '0', entry: { name: 'x', size: 9 * 1024 ** 3, mode: 0o600, mtime: 1 } });
    header[0] = 'y'.charCodeAt(0);
    expect(parseTarHeader(header)).toEqual({ kind: 'invalid', reason: 'a member header fails its checksum' });
  });
});
