// Deployments installed with the CLI appear on the dashboard with the right health: the lab app on
// the Podman host (compose) and in a Proxmox container (proxmox-lxc, pct/pvesh simulators over real
// LXC) healthy, and on the Docker host turned into its "bad" build, unhealthy with the probe's
// reason. status exits 1 for it and 0 for a healthy host; logs follow a live service; restart from
// the dashboard asks first and brings the app back healthy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sshRun } from '../../support/lab.js';
import { guestAddress, removeTestDeployments } from '../../support/lxc-lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { cli, lab, labConfigDir, selectRow, startApp } from './dashboard-lab.js';

const good = { name: 'dash-good', host: 'podman', port: 18211 };
const bad = { name: 'dash-bad', host: 'docker', port: 18212 };
const lxc = { name: 'dash-lxc', host: 'pve', address: guestAddress(lab, 70) };
let configDir = '';
let session: TmuxSession | undefined;

async function onHost(host: string, line: string): Promise<string> {
  const res = await sshRun(host, line, { timeoutMs: 60_000 });
  expect(res.exitCode, `${host}: ${line}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

beforeAll(async () => {
  configDir = await labConfigDir(['docker', 'podman', 'pve']);
  await removeTestDeployments(lab, lxc.name);
  for (const d of [good, bad]) {
    const run = await cli(configDir, ['install', 'labapp', '--host', d.host, '--provider', 'compose', '--name', d.name, '--set', `port=${d.port}`, '--set', `data_dir=/srv/${d.name}/data`, '--yes']);
    expect(run.code, run.stderr).toBe(0);
  }
  const sets = [`lxc_storage=${lab.pve.storage.id}`, `lxc_ip=${lxc.address}/24`, `lxc_gateway=${lab.pve.gateway}`].flatMap((s) => ['--set', s]);
  const inContainer = await cli(configDir, ['install', 'labapp', '--host', lxc.host, '--provider', 'proxmox-lxc', '--name', lxc.name, ...sets, '--yes']);
  expect(inContainer.code, inContainer.stderr).toBe(0);
  // The app goes bad after the install (its database is gone, say): the same project on the bad build.
  await onHost(bad.host, `cd /opt/homelab-tui/${bad.name} && sed -i 's#local/labapp:1#local/labapp:bad#' compose.yaml && docker-compose -p ${bad.name} -f compose.yaml up -d 2>&1`);
}, 300_000);

afterEach(async () => {
  await session?.stop();
  session = undefined;
});

afterAll(async () => {
  for (const d of [good, bad, lxc]) await cli(configDir, ['uninstall', d.name, '--host', d.host, '--purge', '--yes']);
  await removeTestDeployments(lab, lxc.name);
});

describe('status on the lab', () => {
  it('exits 1 while anything is unhealthy, naming the probe\'s reason; 0 for a host where all is healthy', async () => {
    const all = await cli(configDir, ['status', '--json']);
    expect(all.code).toBe(1);
    const { deployments } = JSON.parse(all.stdout) as { deployments: Array<{ name: string; health: string; reason?: string }> };
    expect(deployments.find((d) => d.name === good.name)).toMatchObject({ health: 'healthy' });
    expect(deployments.find((d) => d.name === lxc.name)).toMatchObject({ health: 'healthy', provider: 'proxmox-lxc' });
    expect(deployments.find((d) => d.name === bad.name)).toMatchObject({ health: 'unhealthy', reason: expect.stringContaining('unhealthy: HTTP 500: database unreachable from /health') });
    for (const host of [good.host, lxc.host]) {
      const healthy = await cli(configDir, ['status', '--host', host]);
      expect(healthy.code, healthy.stdout).toBe(0);
    }
  });
});

describe('the dashboard on the lab', () => {
  it('shows each deployment\'s health, and the reason behind the red with its probe output', async () => {
    session = await startApp(configDir, { columns: 100, rows: 30 });
    const screen = await session.waitFor(new RegExp(`${bad.name} +1/1 up +✗ unhealthy[\\s\\S]*${good.name} +1/1 up +✓ healthy +1 `), 30_000);
    expect(screen).toMatch(/labapp +running +✓ healthy +1 +\d+[sm]/);
    // The Proxmox container: its guest is the one service, healthy by the app's probe from the node.
    const container = await session.waitFor(new RegExp(`${lxc.name} +1/1 up +✓ healthy +1 [\\s\\S]*${lxc.name} +running +✓ healthy`), 30_000);
    expect(container).toMatch(/pve \S+ · ● connected/);
    // Select the bad deployment: the list says why it is red.
    await selectRow(session, bad.name);
    await session.waitFor(`why: ${bad.name}: `);
    expect(await session.screen()).toContain('unhealthy: HTTP 500: database unreachable from /health');
    await session.press('Enter');
    const details = await session.waitFor(/Last log lines[\s\S]*labapp \| labapp bad starting/, 30_000);
    expect(details).toContain(`${bad.name} on ${bad.host}`);
    expect(details).toMatch(/probe +✗ probe \/health returned 500: database unreachable/);
    expect(details).toContain('HTTP 500: database unreachable');
    expect(details).toMatch(new RegExp(`/srv/${bad.name}/data +\\d`));
    expect(details).toMatch(/url +http:\/\/\S+:18212\//);
  });

  it('follows the logs of a live service', async () => {
    session = await startApp(configDir, { columns: 100, rows: 30 });
    await session.waitFor(new RegExp(`${good.name} +1/1 up +✓ healthy`), 30_000);
    await selectRow(session, good.name);
    await session.press('l');
    await session.waitFor(/labapp +│ labapp 1 starting/, 30_000);
    await session.waitFor('● following');
    // A line the running app writes now (to its own standard output) shows up while following.
    const container = (await onHost(good.host, `podman ps --filter label=com.docker.compose.project=${good.name} --format '{{.Names}}'`)).trim();
    await onHost(good.host, `podman exec ${container} sh -c 'echo live-line-from-the-app > /proc/1/fd/1'`);
    await session.waitFor(/labapp +│ live-line-from-the-app/, 30_000);
    await session.press('Escape');
    await session.waitFor('by host');
  });

  it('restarts a deployment after a yes, and it comes back healthy', async () => {
    const starts = async () => (await onHost(good.host, `cat /srv/${good.name}/data/starts.log`)).trim().split('\n').length;
    const before = await starts();
    session = await startApp(configDir, { columns: 100, rows: 30 });
    await session.waitFor(new RegExp(`${good.name} +1/1 up +✓ healthy`), 30_000);
    await selectRow(session, good.name);
    await session.press('R');
    await session.waitFor(`Restart ${good.name} (every service) on ${good.host}? [y/N]`);
    await session.press('y');
    await session.waitFor(`✓ restarted ${good.name} on ${good.host}; it is healthy`, 120_000);
    expect(await starts()).toBe(before + 1);
  });
});
