import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDesk } from '../../../../src/services/backup/backup-desk.js';
import { listBackups, stampToIso } from '../../../../src/services/backup/backup-listing.js';
import { refuseOtherApp, refuseUnknownVersion } from '../../../../src/services/backup/restore-checks.js';
import type { BackupManifest } from '../../../../src/services/backup/manifest.js';
import type { OpenDeployment } from '../../../../src/services/lifecycle/lifecycle.js';
import { planLines } from '../../../../src/services/lifecycle/fleet-backups.js';
import type { Recipe } from '../../../../src/platform/recipe/recipe-schema.js';
import { recordOf } from '../../../support/fleet-doubles.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hl-desk-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const clock = { now: () => Date.parse('2026-01-01T00:00:00Z'), sleep: async () => undefined };

/** A desk whose recipe loader must not be reached (the checks refuse first). */
function desk(dir: string) {
  return backupDesk({ write: { clock, toolVersion: '0.0.0-test', backupsDir: dir }, recipe: () => Promise.reject(new Error('the recipe was asked for')) });
}

/** An opened deployment whose host must not be reached (its runner throws). */
function opened(name: string, fields: Parameters<typeof recordOf>[1] = {}): OpenDeployment {
  const runner = new Proxy({}, { get: () => () => Promise.reject(new Error('the host was reached')) });
  return { handle: { name: 'docker', runner }, record: recordOf(name, { app: 'labapp', ...fields }), ctx: { runner, hostName: 'docker', clock } } as unknown as OpenDeployment;
}

describe('the dashboard\'s backups (backup desk)', () => {
  it('lists a deployment\'s archives newest first with size and time, leaving out other deployments\' and other files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'labapp-20260101T010000Z.tar'), Buffer.alloc(2048));
    writeFileSync(join(dir, 'labapp-20260102T000000Z.tar'), Buffer.alloc(512));
    writeFileSync(join(dir, 'labapp2-20260103T000000Z.tar'), Buffer.alloc(10));
    writeFileSync(join(dir, 'labapp-20260104T000000Z.tar.partial'), Buffer.alloc(10));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(await listBackups(dir, 'labapp')).toEqual([
      { archive: join(dir, 'labapp-20260102T000000Z.tar'), file: 'labapp-20260102T000000Z.tar', bytes: 512, takenAt: '2026-01-02T00:00:00Z' },
      { archive: join(dir, 'labapp-20260101T010000Z.tar'), file: 'labapp-20260101T010000Z.tar', bytes: 2048, takenAt: '2026-01-01T01:00:00Z' },
    ]);
    expect(await desk(join(dir, 'none-yet')).list('labapp')).toEqual([]);
    expect(stampToIso('20261206T063000Z')).toBe('2026-12-06T06:30:00Z');
  });

  it('refuses a file that is not an archive before reading the recipe or reaching the host, saying nothing changed', async () => {
    const dir = tempDir();
    const file = join(dir, 'labapp-20260101T000000Z.tar');
    writeFileSync(file, 'not a tar file at all, just some text that is long enough to be read as a header block'.repeat(10));
    await expect(desk(dir).planRestore(opened('labapp'), file)).rejects.toMatchObject({ message: expect.stringContaining('it is not a homelab-tui backup'), hint: 'nothing was changed on any host' });
    await expect(desk(dir).planRestore(opened('labapp'), join(dir, 'gone.tar'))).rejects.toMatchObject({ message: expect.stringContaining('there is no such file') });
  });

  it('refuses a deployment with an interrupted operation before anything else', async () => {
    const dir = tempDir();
    const base = opened('labapp');
    const deployment = { ...base, record: { ...base.record, operation: { kind: 'update' } } } as unknown as OpenDeployment;
    await expect(desk(dir).planBackup(deployment)).rejects.toThrow('has an interrupted update');
    await expect(desk(dir).planRestore(deployment, join(dir, 'x.tar'))).rejects.toThrow('has an interrupted update');
  });

  it('refuses an archive of another app, or of a version the catalog does not install', () => {
    const manifest = { app: 'kavita', version: '0.9' } as BackupManifest;
    expect(() => refuseOtherApp(manifest, { name: 'labapp', app: 'labapp' })).toThrow('the archive is of kavita, labapp runs labapp');
    expect(() => refuseOtherApp(manifest, { name: 'books', app: 'kavita' })).not.toThrow();
    expect(() => refuseUnknownVersion(manifest, { versions: ['0.8'] } as unknown as Recipe)).toThrow('kavita 0.9, which this catalog does not install (it has 0.8)');
    expect(() => refuseUnknownVersion(manifest, { versions: ['0.8', '0.9'] } as unknown as Recipe)).not.toThrow();
  });

  it('puts a plan in lines for the question, secrets masked', () => {
    const lines = planLines({
      kind: 'restore',
      deployment: 'labapp',
      host: 'docker',
      provider: 'compose',
      app: 'labapp',
      secrets: ['s3cret-value'],
      steps: [
        { id: 'a', title: 'Safety backup', actions: [{ kind: 'call', description: 'write it to /b', run: async () => undefined }] },
        { id: 'b', title: 'Load', actions: [{ kind: 'run', command: { argv: ['load', 's3cret-value'] } }] },
      ],
    });
    expect(lines).toEqual(['1. Safety backup: write it to /b', '2. Load: load ••••']);
  });
});
