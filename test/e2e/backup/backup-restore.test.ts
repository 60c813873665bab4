// Issue 15: backup and restore of a compose deployment on the lab, through the built CLI. One labapp
// deployment with a data file: backup (archive 0600, manifest, sha256), verify, list; uninstall
// --purge and restore on the other host (Docker -> Podman) gives the same file; a damaged, truncated
// or foreign archive is refused by verify and restore with nothing changed; restore onto the
// existing deployment brings the file back after a safety backup.
import { chmodSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync, statSync, truncateSync, writeSync, closeSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, onHost } from '../compose/compose-lab.js';

const NAME = 'bk-lab';
const PORT = 18241;
const FILE = `/srv/${NAME}/data/payload.bin`;
let configDir = '';
let dir = '';
let archive = '';
let payloadSha = '';

const sha = async (host: string, path: string) => (await onHost(host, `sha256sum ${path}`)).split(' ')[0] ?? '';

async function removeAll(): Promise<void> {
  for (const host of ['docker', 'podman']) {
    await cli(configDir, ['uninstall', NAME, '--host', host, '--purge', '--yes']);
    await onHost(host, `rm -rf /srv/${NAME}`);
  }
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 30\n');
  dir = mkdtempSync(join(tmpdir(), 'hl-backups-'));
  await removeAll();
  const run = await cli(configDir, ['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--yes']);
  expect(run.code, run.stderr).toBe(0);
  await onHost('docker', `head -c 3000000 /dev/urandom > ${FILE} && mkdir -p /srv/${NAME}/data/sub && echo hello > /srv/${NAME}/data/sub/note.txt`);
  payloadSha = await sha('docker', FILE);
  return async () => {
    await removeAll();
    rmSync(dir, { recursive: true, force: true });
  };
});

afterAll(() => undefined);

describe('backup and restore of a compose deployment', () => {
  it('backup writes one 0600 archive with a manifest and prints its path, size and sha256', async () => {
    const run = await cli(configDir, ['backup', NAME, '--host', 'docker', '--to', dir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { archive: string; bytes: number; sha256: string; members: { name: string }[]; stoppedMs: number };
    archive = result.archive;
    expect(archive).toMatch(new RegExp(`/${NAME}-\\d{8}T\\d{6}Z\\.tar$`));
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(result.bytes).toBe(statSync(archive).size);
    expect(result.sha256).toBe(execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0]);
    expect(result.members.map((m) => m.name)).toEqual(['data/0.tar']);
    expect(result.stoppedMs).toBe(0);
    // Progress in bytes and percent of the folder's size (du on the host), on stderr.
    expect(run.stderr).toMatch(/data\/0\.tar: [\d.]+ MiB of about 2\.\d MiB \(\d+%\)/);
    // The archive is a plain tar an admin can inspect; the manifest is its last member.
    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['data/0.tar', 'manifest.json']);
  });

  it('backups verify re-hashes every member; backups list shows it', async () => {
    const verify = await cli(configDir, ['backups', 'verify', archive]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('ok (1 members match their sha256)');
    const list = JSON.parse((await cli(configDir, ['backups', 'list', NAME, '--dir', dir, '--json'])).stdout) as { backups: { archive: string; app: string; host: string }[] };
    expect(list.backups).toEqual([expect.objectContaining({ archive, app: 'labapp', host: 'docker' })]);
  });

  it('a byte flipped in the middle, a truncated archive and another tool\'s tar are refused by verify and restore, and nothing changes', async () => {
    const flipped = join(dir, 'flipped.tar');
    copyFileSync(archive, flipped);
    const fd = openSync(flipped, 'r+');
    const at = Math.floor(statSync(flipped).size / 2);
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    writeSync(fd, byte, 0, 1, at);
    closeSync(fd);
    const truncated = join(dir, 'truncated.tar');
    copyFileSync(archive, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const foreign = join(dir, 'foreign.tar');
    execFileSync('tar', ['-cf', foreign, '-C', '/etc', 'hostname']);
    chmodSync(foreign, 0o600);
    const cases: [string, RegExp][] = [
      [flipped, /does not match its sha256/],
      [truncated, /truncated|cut short/],
      [foreign, /not a homelab-tui backup/],
    ];
    await onHost('docker', `echo changed > /srv/${NAME}/data/sub/note.txt`);
    for (const [path, reason] of cases) {
      const verify = await cli(configDir, ['backups', 'verify', path]);
      expect(verify.code, path).toBe(1);
      expect(verify.stdout).toMatch(reason);
      const restore = await cli(configDir, ['restore', path, '--host', 'docker', '--yes']);
      expect(restore.code, restore.stderr).toBe(1);
      expect(restore.stderr).toMatch(reason);
      expect(restore.stderr).not.toContain('    at ');
    }
    // A provider this build cannot restore onto is refused before anything is installed.
    const k3s = await cli(configDir, ['restore', archive, '--host', 'docker', '--provider', 'k3s', '--name', 'bk-other', '--yes']);
    expect(k3s.code, k3s.stderr).toBe(1);
    expect(k3s.stderr).toContain('cannot be restored with this version');
    expect(await existsOnHost('docker', '/var/lib/homelab-tui/deployments/bk-other.json')).toBe(false);
    expect(await onHost('docker', `cat /srv/${NAME}/data/sub/note.txt`)).toBe('changed\n');
    expect(readdirSync(dir).filter((f) => f.startsWith(`${NAME}-`))).toHaveLength(1);
  });

  it('restore onto the same deployment brings its data back, after a safety backup of what was there', async () => {
    const run = await cli(configDir, ['restore', archive, '--host', 'docker', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; safetyBackup: string; restored: string[] };
    expect(result.status).toBe('succeeded');
    expect(result.restored).toEqual([`/srv/${NAME}/data`]);
    expect(await onHost('docker', `cat /srv/${NAME}/data/sub/note.txt`)).toBe('hello\n');
    expect(await sha('docker', FILE)).toBe(payloadSha);
    expect((await cli(configDir, ['backups', 'verify', result.safetyBackup])).code).toBe(0);
    expect(await httpGet(`http://${labHost('docker').address}:${PORT}/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('after uninstall --purge, restore on the Podman host installs it there and gives the same file', async () => {
    const gone = await cli(configDir, ['uninstall', NAME, '--host', 'docker', '--purge', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(await existsOnHost('docker', FILE)).toBe(false);
    const run = await cli(configDir, ['restore', archive, '--host', 'podman', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(await sha('podman', FILE)).toBe(payloadSha);
    expect(await onHost('podman', `cat /srv/${NAME}/data/sub/note.txt`)).toBe('hello\n');
    expect(await httpGet(`http://${labHost('podman').address}:${PORT}/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('--keep 1 leaves only the newest archive of the deployment in the directory', async () => {
    const run = await cli(configDir, ['backup', NAME, '--host', 'podman', '--to', dir, '--keep', '1', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { archive: newest } = JSON.parse(run.stdout) as { archive: string };
    expect(newest).not.toBe(archive);
    expect(readdirSync(dir).filter((f) => f.startsWith(`${NAME}-`)).map((f) => join(dir, f))).toEqual([newest]);
    const bad = await cli(configDir, ['backup', NAME, '--host', 'podman', '--to', dir, '--keep', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--keep: write a whole number');
  });
});
