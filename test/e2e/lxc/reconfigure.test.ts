// reconfigure on Proxmox LXC through the built CLI: memory and cores changed with `pct set` (each call
// checked against the PVE API schema by the contract check), the same container (no rebuild: its id
// and the app's first-start stamp stay), and what cannot change in place refused with exit 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';

const lab = loadLab();
const NAME = 'e2e-rcfg';
const address = guestAddress(lab, 66);
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-rcfg-'));
const cli = (...args: string[]) => labCli(configDir, args);
const since = nodeCallLog(lab).size;

async function ctConfig(vmid: number): Promise<Record<string, unknown>> {
  const run = await sshRun('pve', `pvesh get /nodes/${lab.pve.node}/lxc/${vmid}/config --output-format json`);
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

async function firstStart(vmid: number): Promise<string> {
  const run = await sshRun('pve', `pct exec ${vmid} -- cat /var/lib/labapp/first-start`);
  expect(run.exitCode, run.stderr).toBe(0);
  return run.stdout;
}

let vmid = 0;
beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  expect((await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias)).code).toBe(0);
  const sets = ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`, '--set', 'lxc_memory=64M', '--set', 'lxc_cores=1'];
  const run = await cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets, '--yes');
  expect(run.code, run.stderr).toBe(0);
  [vmid = 0] = await containersOf(lab, NAME);
});

afterAll(async () => {
  await removeTestDeployments(lab, NAME);
  rmSync(configDir, { recursive: true, force: true });
  const calls = pveCalls(nodeCallsSince(lab, since));
  expect(calls.some((c) => c[0] === 'pct' && c[1] === 'set')).toBe(true);
  expect(contractViolations(calls)).toEqual([]);
});

describe('reconfigure a Proxmox container: memory and cores', () => {
  it('--dry-run shows the answers, the config diff and the pct set; nothing changes', async () => {
    const run = await cli('reconfigure', NAME, '--set', 'lxc_memory=128M', '--set', 'lxc_cores=2', '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('lxc_memory (Memory): 64M -> 128M');
    expect(run.stdout).toMatch(/^ +- memory: 64$/m);
    expect(run.stdout).toMatch(/^ +\+ memory: 128$/m);
    expect(run.stdout).toContain(`pct set ${vmid} --cores 2 --memory 128`);
    expect(await ctConfig(vmid)).toMatchObject({ memory: 64, cores: 1 });
  });

  it('applied with pct set: the same container, its data stamp unchanged, the app answers', async () => {
    const stamp = await firstStart(vmid);
    const run = await cli('reconfigure', NAME, '--set', 'lxc_memory=128M', '--set', 'lxc_cores=2', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`reconfigured ${NAME} on pve; it is healthy: http://${address}:8080/`);
    expect(run.stderr).not.toMatch(/pct (create|destroy)/);
    expect(await ctConfig(vmid)).toMatchObject({ memory: 128, cores: 2 });
    expect(await containersOf(lab, NAME)).toEqual([vmid]);
    expect(await firstStart(vmid)).toBe(stamp);
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
    const record = JSON.parse((await sshRun('pve', `cat /var/lib/homelab-tui/deployments/${NAME}.json`)).stdout) as { answers: Record<string, unknown> };
    expect(record.answers).toMatchObject({ lxc_memory: '128M', lxc_cores: 2 });
  });

  it('more memory than the node has free is refused by preflight; nothing changes', async () => {
    const run = await cli('reconfigure', NAME, '--set', 'lxc_memory=4096G', '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Memory: 4194304 MiB needs \d+ MiB more, but node \S+ has \d+ MiB free/);
    expect(await ctConfig(vmid)).toMatchObject({ memory: 128 });
  });

  it('the address cannot change in place: exit 2 naming it, nothing changes', async () => {
    const run = await cli('reconfigure', NAME, '--set', `lxc_ip=${guestAddress(lab, 67)}/24`, '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the network cannot be changed in place');
    expect(await ctConfig(vmid)).toMatchObject({ memory: 128, cores: 2 });
  });
});
