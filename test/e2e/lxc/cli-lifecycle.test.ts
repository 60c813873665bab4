// `homelab-tui plan/install/status/logs/restart/stop/start/uninstall labapp --provider proxmox-lxc` through the
// built CLI and the real SSH transport, on the lab's Proxmox-like host. The CLI's pct/pvesh calls are
// read from the node simulators' call log and checked against PVE 9 and 8.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli, startLabCli } from '../../support/lab-cli.js';
import { eventually, httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';

const lab = loadLab();
const NAME = 'e2e-cli';
const address = guestAddress(lab, 60);
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-cli-'));
const cli = (...args: string[]) => labCli(configDir, args);
const since = nodeCallLog(lab).size;
const sets = ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`];

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  const shared = await sshRun('pve', 'mountpoint -q /var/lib/homelab-tui || echo shared');
  expect(shared.stdout.trim(), 'the pve host shares /var/lib/homelab-tui with this machine: run npm run lab:up again').toBe('');
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  const added = await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias);
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await removeTestDeployments(lab, NAME);
  rmSync(configDir, { recursive: true, force: true });
  // Last, so a violation fails the file after the cleanup has run.
  const calls = pveCalls(nodeCallsSince(lab, since));
  expect(calls.filter((c) => c[0] === 'pct').length).toBeGreaterThan(5);
  expect(contractViolations(calls)).toEqual([]);
});

describe('the lab app in a Proxmox container, through the CLI', () => {
  it('plan prints the exact pct commands and changes nothing', async () => {
    const run = await cli('plan', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`\\$ pct create \\d+ local:vztmpl/lab-busybox_1\\.35-1_amd64\\.tar\\.gz --hostname ${NAME} --description 'homelab-tui deployment ${NAME} \\(labapp 1\\)'`));
    expect(run.stdout).toContain(`--net0 'name=eth0,bridge=vmbr0,ip=${address}/24,gw=${lab.pve.gateway}' --unprivileged 1 --onboot 1`);
    expect(await containersOf(lab, NAME)).toEqual([]);
  });

  it('install creates the container; the app answers HTTP from the root namespace', async () => {
    const run = await cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets, '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`installed ${NAME} on pve: http://${address}:8080/`);
    expect(run.stderr).toMatch(/^\[7\/7 +\d+%\] Write the deployment record$/m);
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await containersOf(lab, NAME)).toHaveLength(1);
  });

  it('status --json shows it healthy with its container running', async () => {
    const run = await cli('status', '--host', 'pve', '--json');
    expect(run.code, run.stderr).toBe(0);
    const { deployments } = JSON.parse(run.stdout) as { deployments: { name: string; provider?: string; health: string; services: { name: string; state: string }[] }[] };
    expect(deployments).toEqual([expect.objectContaining({ name: NAME, health: 'healthy', services: [expect.objectContaining({ name: NAME, state: 'running' })] })]);
    // CPU and memory from the node's status of the container (the simulator reads the container's cgroups).
    const figures = deployments[0]?.services[0] as unknown as { cpuPercent: number; memoryBytes: number };
    expect(figures.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(figures.memoryBytes).toBeGreaterThan(100_000);
  });

  it('logs shows the service log; --follow stops on Ctrl-C', async () => {
    const run = await cli('logs', NAME, '--tail', '20');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/labapp \| \S+ starting labapp/);
    const follow = startLabCli(configDir, ['logs', NAME, '--follow']);
    await eventually('the first followed line', async () => follow.output().includes('starting labapp'), 30_000);
    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
  });

  it('restart brings it back healthy', async () => {
    const run = await cli('restart', NAME);
    expect(run.code, run.stderr).toBe(0);
    await eventually('the app to answer after the restart', async () => (await httpGet(`http://${address}:8080/health`, 2_000)).status === 200);
  });

  it('stop shuts the container down (status: stopped); start brings it back healthy', async () => {
    const health = async () => ((JSON.parse((await cli('status', '--host', 'pve', '--json')).stdout) as { deployments: { health: string }[] }).deployments[0]?.health);
    // Its one service as status names it (the container): the dashboard's service row sends that name.
    const stop = await cli('stop', NAME, NAME, '--yes');
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout.trim()).toBe(`stopped ${NAME} of ${NAME} on pve; start it again with: homelab-tui start ${NAME} ${NAME} --host pve`);
    expect(await health()).toBe('stopped');
    const start = await cli('start', NAME, '--yes');
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout.trim()).toBe(`started ${NAME} on pve; it is healthy`);
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('uninstall --purge removes the container and the record', async () => {
    const run = await cli('uninstall', NAME, '--purge', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(await containersOf(lab, NAME)).toEqual([]);
    expect((await sshRun('pve', ['test', '-e', `/var/lib/homelab-tui/deployments/${NAME}.json`])).exitCode).toBe(1);
    const status = await cli('status', '--host', 'pve', '--json');
    expect((JSON.parse(status.stdout) as { deployments: unknown[] }).deployments).toEqual([]);
    // Its history stays on the node after the uninstall (earlier runs of this file may have left entries before).
    const history = await cli('history', NAME, '--host', 'pve', '--json');
    expect(history.code, history.stderr).toBe(0);
    const kinds = (JSON.parse(history.stdout) as { entries: { kind: string; status: string }[] }).entries.map((e) => `${e.kind}:${e.status}`);
    expect(kinds.slice(-5)).toEqual(['install:succeeded', 'restart:succeeded', 'stop:succeeded', 'start:succeeded', 'uninstall:succeeded']);
  });
});
