// Issue 15: a backup restores onto another provider. The lab app with a data file on compose (Docker)
// is backed up, uninstalled with --purge, and restored as a Proxmox LXC container on the lab's node
// (pct/pvesh SIMULATORS driving real LXC); that container is backed up, purged, and restored onto
// compose on the Podman host. Each hop gives the same file (sha256) and a healthy app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, removeTestDeployments } from '../../support/lxc-lab.js';
import { cli, existsOnHost, lab, labConfigDir, onHost } from '../compose/compose-lab.js';

const NAME = 'bk-across';
const PORT = 18243;
const address = guestAddress(lab, 46);
const lxcSets = ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`];
let configDir = '';
let dir = '';
let payloadSha = '';

const sha = async (host: string, path: string) => (await onHost(host, `sha256sum ${path}`)).split(' ')[0] ?? '';
const inGuest = async (script: string) => {
  const [vmid] = await containersOf(lab, NAME);
  if (vmid === undefined) throw new Error(`no container of ${NAME}`);
  return (await sshRun('pve', ['pct', 'exec', String(vmid), '--', 'sh', '-c', script])).stdout.trim();
};

async function removeAll(): Promise<void> {
  for (const host of ['docker', 'podman']) {
    await cli(configDir, ['uninstall', NAME, '--host', host, '--purge', '--yes']);
    await onHost(host, `rm -rf /srv/${NAME}`);
  }
  await removeTestDeployments(lab, NAME);
}

async function backup(host: string): Promise<string> {
  const run = await cli(configDir, ['backup', NAME, '--host', host, '--to', dir, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { archive: string }).archive;
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 30\nproxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  const added = await cli(configDir, ['hosts', 'add', 'pve', '--address', labHost('pve').alias]);
  expect(added.code, added.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'hl-across-'));
  await removeAll();
  const run = await cli(configDir, ['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--yes']);
  expect(run.code, run.stderr).toBe(0);
  await onHost('docker', `head -c 2500000 /dev/urandom > /srv/${NAME}/data/payload.bin && mkdir -p /srv/${NAME}/data/sub && echo across > /srv/${NAME}/data/sub/note.txt`);
  payloadSha = await sha('docker', `/srv/${NAME}/data/payload.bin`);
  return async () => {
    await removeAll();
    rmSync(dir, { recursive: true, force: true });
  };
});

describe('a backup restores onto another provider', () => {
  it('compose (Docker) -> Proxmox LXC: purge, then restore as a container gives the same file and a healthy app', async () => {
    const archive = await backup('docker');
    const gone = await cli(configDir, ['uninstall', NAME, '--host', 'docker', '--purge', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(await existsOnHost('docker', `/srv/${NAME}/data/payload.bin`)).toBe(false);
    // The archive has no answers for a container (its storage, address): the defaults fail the node's
    // preflight, which names the answer to set, and nothing is created.
    const missing = await cli(configDir, ['restore', archive, '--host', 'pve', '--provider', 'proxmox-lxc', '--yes']);
    expect(missing.code, missing.stderr).toBe(1);
    expect(missing.stderr).toContain('set lxc_storage');
    expect(await containersOf(lab, NAME)).toEqual([]);
    const run = await cli(configDir, ['restore', archive, '--host', 'pve', '--provider', 'proxmox-lxc', ...lxcSets, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toHaveLength(1);
    expect((await inGuest('sha256sum /var/lib/labapp/payload.bin')).split(' ')[0]).toBe(payloadSha);
    expect(await inGuest('cat /var/lib/labapp/sub/note.txt')).toBe('across');
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('Proxmox LXC -> compose (Podman): purge, then restore onto compose gives the same file and a healthy app', async () => {
    const archive = await backup('pve');
    const gone = await cli(configDir, ['uninstall', NAME, '--host', 'pve', '--purge', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toEqual([]);
    const run = await cli(configDir, ['restore', archive, '--host', 'podman', '--provider', 'compose', '--set', `port=${PORT}`, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(await sha('podman', `/srv/${NAME}/data/payload.bin`)).toBe(payloadSha);
    expect(await onHost('podman', `cat /srv/${NAME}/data/sub/note.txt`)).toBe('across\n');
    expect(await httpGet(`http://${labHost('podman').address}:${PORT}/health`)).toEqual({ status: 200, body: 'ok' });
  });
});
