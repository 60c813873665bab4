// Issue 15: backup and restore of a Proxmox LXC deployment on the lab's node (pct/pvesh SIMULATORS
// driving real LXC containers), through the built CLI. The lab app's data is a bind mount from the
// node's per-deployment data directory; the backup reads it there, the restore replaces it there
// while the container is shut down. Backup -> restore onto the same deployment (after a safety
// backup) -> uninstall --purge -> restore as a new deployment gives the same file (sha256).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, removeTestDeployments } from '../../support/lxc-lab.js';

const lab = loadLab();
const NAME = 'bk-lxc';
const address = guestAddress(lab, 45);
const DATA = `/var/lib/homelab-tui/data/${NAME}/var/lib/labapp`;
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-backup-'));
const dir = mkdtempSync(join(tmpdir(), 'hl-lxc-archives-'));
const cli = (...args: string[]) => labCli(configDir, args);
const onNode = async (script: string) => (await sshRun('pve', script)).stdout.trim();
const inGuest = async (script: string) => {
  const [vmid] = await containersOf(lab, NAME);
  if (vmid === undefined) throw new Error(`no container of ${NAME}`);
  return (await sshRun('pve', ['pct', 'exec', String(vmid), '--', 'sh', '-c', script])).stdout.trim();
};
const guestSha = async () => (await inGuest('sha256sum /var/lib/labapp/payload.bin')).split(' ')[0] ?? '';
let archive = '';
let payloadSha = '';

async function cleanUp(): Promise<void> {
  await removeTestDeployments(lab, NAME);
}

beforeAll(async () => {
  await cleanUp();
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  const added = await cli('hosts', 'add', 'pve', '--address', labHost('pve', lab).alias);
  expect(added.code, added.stderr).toBe(0);
  const run = await cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--yes');
  expect(run.code, run.stderr).toBe(0);
  await inGuest('head -c 2000000 /dev/urandom > /var/lib/labapp/payload.bin && mkdir -p /var/lib/labapp/sub && echo hello > /var/lib/labapp/sub/note.txt');
  payloadSha = await guestSha();
  expect(payloadSha).toMatch(/^[0-9a-f]{64}$/);
});

afterAll(async () => {
  await cleanUp();
  rmSync(configDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore of a Proxmox LXC deployment', () => {
  it('backup reads the bind-mounted data directory on the node into one 0600 archive, without stopping the container', async () => {
    const run = await cli('backup', NAME, '--host', 'pve', '--to', dir, '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { archive: string; bytes: number; sha256: string; members: { name: string }[]; stoppedMs: number; host: string };
    archive = result.archive;
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(result.sha256).toBe(execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0]);
    expect(result.members.map((m) => m.name)).toEqual(['data/0.tar']);
    expect(result.stoppedMs).toBe(0);
    expect(run.stderr).toMatch(/data\/0\.tar: [\d.]+ MiB of about 1\.\d MiB \(\d+%\)/);
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json'], { encoding: 'utf8' })) as { provider: string; members: { hostPath: string; path: string }[]; answers: Record<string, unknown> };
    expect(manifest.provider).toBe('proxmox-lxc');
    expect(manifest.members[0]).toMatchObject({ path: '/var/lib/labapp', hostPath: DATA });
    expect(manifest.answers).toMatchObject({ lxc_ip: `${address}/24` });
    // The data tar holds the file the app wrote in the guest.
    expect(execFileSync('sh', ['-c', `tar -xOf '${archive}' data/0.tar | tar -tf -`], { encoding: 'utf8' })).toContain('./payload.bin');
    expect((await cli('backups', 'verify', archive)).code).toBe(0);
  });

  it('restore onto the same container brings the data back after a safety backup, and the app is healthy', async () => {
    await inGuest('echo changed > /var/lib/labapp/sub/note.txt && rm /var/lib/labapp/payload.bin');
    const run = await cli('restore', archive, '--host', 'pve', '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; restored: string[]; safetyBackup: string; stoppedMs: number };
    expect(result.restored).toEqual([DATA]);
    expect(result.stoppedMs).toBeGreaterThan(0);
    expect(await inGuest('cat /var/lib/labapp/sub/note.txt')).toBe('hello');
    expect(await guestSha()).toBe(payloadSha);
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
    // The safety backup holds what was there: the changed note and no payload.
    expect((await cli('backups', 'verify', result.safetyBackup)).code).toBe(0);
    const held = execFileSync('sh', ['-c', `tar -xOf '${result.safetyBackup}' data/0.tar | tar -tf -`], { encoding: 'utf8' });
    expect(held).toContain('./sub/note.txt');
    expect(held).not.toContain('./payload.bin');
    rmSync(result.safetyBackup);
  });

  it('after uninstall --purge (container and data gone), restore installs a new container from the archive with the same file', async () => {
    const gone = await cli('uninstall', NAME, '--host', 'pve', '--purge', '--yes');
    expect(gone.code, gone.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toEqual([]);
    expect(await onNode(`test -e ${DATA} && echo there || echo gone`)).toBe('gone');
    const run = await cli('restore', archive, '--host', 'pve', '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toHaveLength(1);
    expect(await guestSha()).toBe(payloadSha);
    expect(await inGuest('cat /var/lib/labapp/sub/note.txt')).toBe('hello');
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
  });
});
