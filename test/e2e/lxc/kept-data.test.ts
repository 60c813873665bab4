// Issue 12: uninstall of a Proxmox container without --purge keeps the app's data on the node (a bind
// mount from /var/lib/homelab-tui/data/NAME/…, which `pct destroy` leaves), a reinstall of the same
// name with --reuse-data mounts it again, and --purge leaves nothing: no container, data or note.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, removeTestDeployments } from '../../support/lxc-lab.js';

const lab = loadLab();
const NAME = 'e2e-keep';
const address = guestAddress(lab, 80);
const DATA = `/var/lib/homelab-tui/data/${NAME}`;
const NOTE = `/var/lib/homelab-tui/kept-data/${NAME}.json`;
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-keep-'));
const cli = (...args: string[]) => labCli(configDir, args);
const install = (...extra: string[]) =>
  cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, '--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--yes', ...extra);
const onNode = async (script: string) => (await sshRun('pve', script)).stdout.trim();
const inGuest = async (script: string) => {
  const [vmid] = await containersOf(lab, NAME);
  if (vmid === undefined) throw new Error(`no container of ${NAME}`);
  return (await sshRun('pve', ['pct', 'exec', String(vmid), '--', 'sh', '-c', script])).stdout.trim();
};

async function cleanUp(): Promise<void> {
  await removeTestDeployments(lab, NAME);
  await sshRun('pve', ['rm', '-rf', '--', DATA, NOTE]);
}

beforeAll(async () => {
  await cleanUp();
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  const added = await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias);
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await cleanUp();
  rmSync(configDir, { recursive: true, force: true });
});

describe('LXC data survives uninstall and comes back with --reuse-data', () => {
  it('install puts the app data on a bind mount from the node; a file written in the container lands there', async () => {
    const run = await install();
    expect(run.code, run.stderr).toBe(0);
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
    const [vmid] = await containersOf(lab, NAME);
    expect(await onNode(`pct config ${vmid} | grep '^mp0:'`)).toBe(`mp0: ${DATA}/var/lib/labapp,mp=/var/lib/labapp`);
    await inGuest('echo kept-by-e2e > /var/lib/labapp/marker');
    expect(await onNode(`cat ${DATA}/var/lib/labapp/marker`)).toBe('kept-by-e2e');
  });

  it('uninstall without --purge destroys the container, keeps the data on the node and says where, with a 0600 note', async () => {
    const run = await cli('uninstall', NAME, '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`its data stays in ${DATA}/var/lib/labapp`);
    expect(await containersOf(lab, NAME)).toEqual([]);
    expect(await onNode(`cat ${DATA}/var/lib/labapp/marker`)).toBe('kept-by-e2e');
    expect(await onNode(`stat -c %a ${NOTE}`)).toBe('600');
    expect(JSON.parse(await onNode(`cat ${NOTE}`))).toMatchObject({ name: NAME, app: 'labapp', data: [{ node: `${DATA}/var/lib/labapp`, guest: '/var/lib/labapp' }] });
  });

  it('a reinstall of the name under --yes without --reuse-data is refused (exit 2) naming the folder and the flag', async () => {
    const run = await install();
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${DATA}/var/lib/labapp on pve already holds files`);
    expect(run.stderr).toContain('--reuse-data');
    expect(await containersOf(lab, NAME)).toEqual([]);
  });

  it('with --reuse-data the new container sees the file again, and the note is gone', async () => {
    const run = await install('--reuse-data');
    expect(run.code, run.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toHaveLength(1);
    expect(await inGuest('cat /var/lib/labapp/marker')).toBe('kept-by-e2e');
    expect(await onNode(`test -e ${NOTE} && echo there || echo gone`)).toBe('gone');
  });

  it('uninstall --purge leaves no container, no data directory and no note', async () => {
    const run = await cli('uninstall', NAME, '--purge', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toEqual([]);
    expect(await onNode(`test -e ${DATA} && echo there || echo gone`)).toBe('gone');
    expect(await onNode(`test -e ${NOTE} && echo there || echo gone`)).toBe('gone');
    expect(await onNode(`test -e /var/lib/homelab-tui/deployments/${NAME}.json && echo there || echo gone`)).toBe('gone');
  });
});
