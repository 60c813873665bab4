// A container made by hand on the node with `pct create` (tagged as community-scripts tag theirs, the
// lab app's data on a mount point) is listed as unmanaged, `adopt` writes its record and nothing else,
// `reconfigure --dry-run` then finds nothing to change, and `uninstall` leaves the mount point's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { labHost, loadLab, sshRun } from '../../support/lab.js';
import { containerExists, guestAddress } from '../../support/lxc-lab.js';

const lab = loadLab();
const NAME = 'e2e-adoptlxc';
const DATA = `/srv/${NAME}/labapp`;
const address = guestAddress(lab, 97);
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-adopt-'));
const cli = (...args: string[]) => labCli(configDir, args);
const onNode = async (script: string) => (await sshRun('pve', script)).stdout.trim();
let vmid = 0;

interface StatusJson {
  deployments: { name: string; app: string; provider: string }[];
  hosts: { unmanaged: { name: string; provider: string; hint: string }[] }[];
}
const status = async (): Promise<StatusJson> => JSON.parse((await cli('status', '--host', 'pve', '--json')).stdout) as StatusJson;

async function cleanUp(): Promise<void> {
  const config = await onNode(`grep -l '^hostname: ${NAME}$' /etc/pve/lxc/*.conf 2>/dev/null || true`);
  for (const file of config.split('\n').filter(Boolean)) await sshRun('pve', ['pct', 'destroy', file.replace(/.*\/(\d+)\.conf$/, '$1'), '--force', '1'], { timeoutMs: 60_000 });
  await sshRun('pve', `rm -rf /srv/${NAME}; rm -f /var/lib/homelab-tui/deployments/${NAME}.json /var/lib/homelab-tui/kept-data/${NAME}.json`);
}

beforeAll(async () => {
  await cleanUp();
  const added = await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias);
  expect(added.code, added.stderr).toBe(0);
  vmid = Number((await sshRun('pve', ['pvesh', 'get', '/cluster/nextid', '--output-format', 'json'])).stdout);
  await sshRun('pve', ['mkdir', '-p', DATA]);
  const made = await sshRun(
    'pve',
    ['pct', 'create', String(vmid), lab.pve.templates[0] as string, '--hostname', NAME, '--rootfs', `${lab.pve.storage.id}:1`, '--cores', '2', '--memory', '96', '--net0', `name=eth0,bridge=${lab.pve.bridge},ip=${address}/24,gw=${lab.pve.gateway}`, '--mp0', `${DATA},mp=/var/lib/labapp`, '--tags', 'community-script;labapp'],
    { timeoutMs: 60_000 },
  );
  expect(made.exitCode, made.stderr).toBe(0);
  await sshRun('pve', `echo made-by-hand > ${DATA}/marker`);
}, 120_000);

afterAll(async () => {
  await cleanUp();
  rmSync(configDir, { recursive: true, force: true });
});

describe('adopting a container made by hand', () => {
  it('is listed as unmanaged with the adopt command line as its hint', async () => {
    const { hosts } = await status();
    expect(hosts[0]?.unmanaged).toContainEqual({ name: NAME, provider: 'proxmox-lxc', summary: `LXC CT ${vmid} (stopped), tags community-script, labapp`, hint: `adopt it: homelab-tui adopt ${NAME} --host pve (add --app APP when no tag or hostname names the app)` });
  });

  it('adopt --yes --json writes a record of the lab app read from its config; nothing else on the node changes', async () => {
    const before = await onNode(`cat /etc/pve/lxc/${vmid}.conf`);
    const run = await cli('adopt', NAME, '--host', 'pve', '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { adopted: boolean; app: string; answers: Record<string, unknown>; evidence: Record<string, string>; notes: string[] };
    expect(out).toMatchObject({ adopted: true, app: 'labapp', answers: { lxc_hostname: NAME, lxc_cores: 2, lxc_memory: '96M', lxc_disk: '1G', lxc_ip: `${address}/24`, lxc_gateway: lab.pve.gateway } });
    expect(out.evidence.recipe).toBe("matched by the container's tag labapp");
    expect(out.notes).toContain("version 1 is assumed (the recipe's newest): nothing cheap in the container tells it");
    expect(await onNode(`cat /etc/pve/lxc/${vmid}.conf`)).toBe(before);
    const record = JSON.parse(await onNode(`cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { refs: Record<string, unknown>; data: unknown[] };
    expect(record.refs).toMatchObject({ vmid, node: lab.pve.node, hostname: NAME, address });
    expect(record.data).toEqual([{ path: DATA, created: false, mount: '/var/lib/labapp' }]);
  });

  it('status then lists it as a deployment, no longer unmanaged; adopting it again is refused naming the deployment', async () => {
    const { deployments, hosts } = await status();
    expect(deployments).toContainEqual(expect.objectContaining({ name: NAME, app: 'labapp', provider: 'proxmox-lxc' }));
    expect(hosts[0]?.unmanaged.map((u) => u.name)).not.toContain(NAME);
    const again = await cli('adopt', NAME, '--host', 'pve', '--yes');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${NAME} on pve is already managed: it is deployment ${NAME} (CT ${vmid})`);
    expect(again.stderr).not.toMatch(/at .*\.js:\d+/);
    const unknown = await cli('adopt', 'no-such-ct', '--host', 'pve', '--yes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no unmanaged LXC container named "no-such-ct" on pve');
  });

  it('reconfigure --dry-run finds nothing to change; a hand edit of the memory is shown as exactly that', async () => {
    const same = await cli('reconfigure', NAME, '--host', 'pve', '--dry-run', '--json');
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ status: 'unchanged', files: [], actions: [], steps: [] });
    await sshRun('pve', ['pct', 'set', String(vmid), '--memory', '128']);
    const differs = await cli('reconfigure', NAME, '--host', 'pve', '--dry-run', '--json');
    expect(JSON.parse(differs.stdout)).toMatchObject({ status: 'planned', actions: [`pct set ${vmid} --memory 96`] });
    await sshRun('pve', ['pct', 'set', String(vmid), '--memory', '96']);
  });

  it('uninstall without --purge destroys the container and forgets it, but leaves the mount point data (and no kept-data note)', async () => {
    const run = await cli('uninstall', NAME, '--host', 'pve', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(await containerExists(vmid)).toBe(false);
    expect(await onNode(`cat ${DATA}/marker`)).toBe('made-by-hand');
    expect(await onNode(`test -e /var/lib/homelab-tui/deployments/${NAME}.json && echo there || echo gone`)).toBe('gone');
    // No note of kept data: a later install of the name must not take the hand-made folder for its own.
    expect(await onNode(`test -e /var/lib/homelab-tui/kept-data/${NAME}.json && echo there || echo gone`)).toBe('gone');
  });
});
