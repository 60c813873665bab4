// The lab app installed with the proxmox-lxc provider on the lab's Proxmox-like host (pct/pvesh
// SIMULATORS over real LXC): a real container whose app answers HTTP from the root namespace, status
// and logs, bind mounts, boot, snapshots and rollback, and an uninstall that leaves host data alone.
import { runStep } from '../../support/run-step.js';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentRecordSchema, type DeploymentRecord } from '../../../src/platform/deployments/deployment-record.js';
import type { LogLine } from '../../../src/providers/provider.js';
import { newRecord } from '../../support/deployment-records.js';
import { eventually, httpGet, loadLab, sshRun } from '../../support/lab.js';
import { applyPlan, containerExists, expectPveContract, guestAddress, labappInputs, lxcLab, removeTestDeployments } from '../../support/lxc-lab.js';

const NAME = 'e2e-lab';
const publicKey = readFileSync(loadLab().ssh.publicKey, 'utf8');
const l = await lxcLab({ sshPublicKeys: publicKey, healthTimeoutMs: 30_000 });
const address = guestAddress(l.lab, 20);
const media = join(l.lab.stateDir, 'e2e-media');
const downloads = join(l.lab.stateDir, 'e2e-downloads');
let record: DeploymentRecord;
let vmid: number;

const pct = (...args: string[]) => sshRun('pve', ['pct', ...args], { timeoutMs: 60_000 });

beforeAll(async () => {
  await removeTestDeployments(l.lab, NAME);
  rmSync(downloads, { recursive: true, force: true });
  mkdirSync(media, { recursive: true });
  writeFileSync(join(media, 'film.txt'), 'a film\n');
});

afterAll(async () => {
  await l.close();
  await removeTestDeployments(l.lab, NAME);
  rmSync(media, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
  // Last, so a violation fails the file after the cleanup has run.
  expectPveContract(l, 'install-labapp');
});

describe('install labapp with proxmox-lxc', () => {
  it('preflight passes, and the install creates a real container whose app answers from the root namespace', async () => {
    const base = await labappInputs(l.lab, address);
    const inputs = { ...base, mounts: [{ hostPath: media, guestPath: '/media/library', readOnly: true }, { hostPath: downloads, guestPath: '/downloads', readOnly: false }] };
    const items = await l.provider.preflight(l.ctx, inputs);
    expect(items.filter((i) => i.status !== 'ok')).toEqual([]);
    expect(items.map((i) => i.label)).toContain(`Mount ${downloads} → /downloads`);

    const plan = await l.provider.planInstall(l.ctx, { name: NAME, inputs, record: newRecord(NAME, inputs) });
    const { status, events } = await applyPlan(plan, l.runner);
    expect(status, JSON.stringify(events.filter((e) => e.type === 'failed'))).toBe('succeeded');
    expect(events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && `${e.index + 1}/${e.total} ${e.title}`)).toEqual([
      expect.stringMatching(/^1\/7 Check that id \d+ and address [\d.]+ are still free$/),
      expect.stringMatching(/^2\/7 Create container \d+ \(labapp\) on /),
      expect.stringMatching(/^3\/7 Start container \d+$/),
      '4/7 Install: Write the lab app',
      '5/7 Set up labapp to start on boot',
      '6/7 Wait for labapp to answer',
      '7/7 Write the deployment record',
    ]);
    expect(events).toContainEqual({ type: 'output', line: expect.stringMatching(/^extracting archive /) });

    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await httpGet(`http://${address}:8080/version`)).toEqual({ status: 200, body: '1' });

    const stored = await sshRun('pve', ['cat', `/var/lib/homelab-tui/deployments/${NAME}.json`]);
    record = deploymentRecordSchema.parse(JSON.parse(stored.stdout));
    vmid = Number(record.refs.vmid);
    expect(record.refs).toMatchObject({ node: l.lab.pve.node, hostname: 'labapp', address, service: 'labapp' });
    expect(record.probe).toEqual({ kind: 'http', address, port: 8080, path: '/health', expectStatus: 200, bodyContains: 'ok' });
    expect(record.urls).toEqual([`http://${address}:8080/`]);
    expect((await sshRun('pve', ['stat', '-c', '%a', `/var/lib/homelab-tui/deployments/${NAME}.json`])).stdout.trim()).toBe('600');
  });

  it('the container is what the plan said: onboot, unprivileged, tags, the key for root, the bind mounts', async () => {
    const config = (await pct('config', String(vmid))).stdout;
    expect(config).toMatch(/^onboot: 1$/m);
    expect(config).toMatch(/^unprivileged: 1$/m);
    expect(config).toMatch(/^tags: homelab-tui;labapp$/m);
    expect(config).toContain(`mp0: ${media},mp=/media/library,ro=1\n`);
    expect((await pct('exec', String(vmid), '--', 'cat', '/root/.ssh/authorized_keys')).stdout).toBe(publicKey);
    expect((await pct('exec', String(vmid), '--', 'cat', '/media/library/film.txt')).stdout).toBe('a film\n');
    expect((await pct('exec', String(vmid), '--', 'touch', '/media/library/new')).exitCode).not.toBe(0);
    expect((await pct('exec', String(vmid), '--', 'touch', '/downloads/done.txt')).exitCode).toBe(0);
    expect(existsSync(join(downloads, 'done.txt'))).toBe(true);
    // No secrets or staged files stay behind on the node.
    expect((await sshRun('pve', 'ls -A /var/lib/homelab-tui/staging 2>/dev/null | wc -l')).stdout.trim()).toBe('0');
  });

  it('status: running and healthy, probed at the container address', async () => {
    const status = await l.provider.status(l.ctx, record);
    expect(status).toMatchObject({ deployment: NAME, health: 'healthy', probe: { ok: true, output: 'HTTP 200: ok' } });
    expect(status.services).toMatchObject([{ name: 'labapp', state: 'running', health: 'healthy', version: '1' }]);
  });

  it('logs: the tail of the service log, and following until aborted while a restart writes to it', async () => {
    const tail: LogLine[] = [];
    for await (const line of l.provider.logs(l.ctx, record, { tail: 10 })) tail.push(line);
    expect(tail).toContainEqual({ source: 'labapp', line: expect.stringMatching(/ starting labapp$/) });

    const abort = new AbortController();
    const followed: LogLine[] = [];
    const reading = (async () => {
      for await (const line of l.provider.logs(l.ctx, record, { tail: 0, follow: true, signal: abort.signal })) {
        followed.push(line);
        if (line.line.endsWith('starting labapp')) abort.abort();
      }
    })();
    // A restart (the Restartable capability's plan) writes a new line, which the follower must see.
    await eventually('the follower to see the restart', async () => {
      const restart = await applyPlan(await l.provider.planRestart(l.ctx, record), l.runner);
      expect(restart.status).toBe('succeeded');
      return followed.length > 0;
    }, 30_000, 2_000);
    await reading;
    expect(followed.at(-1)?.line).toMatch(/ starting labapp$/);
    // Following ended inside the guest too: no tail is left running there.
    await eventually('the tail in the guest to end', async () => !(await sshRun('pve', ['ps', '-eo', 'args'])).stdout.includes('tail -n 0 -F /var/log/labapp.log'), 15_000);
    await eventually('the app to answer after the restart', async () => (await httpGet(`http://${address}:8080/health`, 2_000)).status === 200);
  });

  it('the app starts again when the container boots', async () => {
    expect((await pct('shutdown', String(vmid), '--timeout', '30', '--forceStop', '1')).exitCode).toBe(0);
    expect((await l.provider.status(l.ctx, record)).health).toBe('stopped');
    expect((await pct('start', String(vmid))).exitCode).toBe(0);
    await eventually('the app to answer after boot', async () => (await httpGet(`http://${address}:8080/health`, 2_000)).status === 200);
  });

  it('snapshot, change, roll back, delete (the Snapshots capability)', async () => {
    await runStep(l.provider.snapshotStep(l.ctx, record, 'before_change'));
    expect(await l.provider.listSnapshots(l.ctx, record)).toEqual(['before_change']);
    await pct('exec', String(vmid), '--', 'sh', '-c', 'printf changed > /opt/labapp/www/version');
    expect((await httpGet(`http://${address}:8080/version`)).body).toBe('changed');
    await runStep(l.provider.rollbackStep(l.ctx, record, 'before_change'));
    await eventually('the rolled-back app to answer', async () => (await httpGet(`http://${address}:8080/version`, 2_000)).body === '1');
    await runStep(l.provider.snapshotStep(l.ctx, record, 'before_change'), 'undo');
    expect(await l.provider.listSnapshots(l.ctx, record)).toEqual([]);
  });

  it('uninstall --purge removes the container and its record and leaves bind-mounted host data alone', async () => {
    const plan = await l.provider.planUninstall(l.ctx, record, { purge: true });
    expect(plan.notes).toContain(`Bind-mounted host folders stay as they are: ${media}, ${downloads}.`);
    const { status } = await applyPlan(plan, l.runner);
    expect(status).toBe('succeeded');
    expect(await containerExists(vmid)).toBe(false);
    expect((await sshRun('pve', ['test', '-e', `/var/lib/homelab-tui/deployments/${NAME}.json`])).exitCode).toBe(1);
    await expect(httpGet(`http://${address}:8080/health`, 1_500)).rejects.toThrow();
    expect(readFileSync(join(media, 'film.txt'), 'utf8')).toBe('a film\n');
    expect(existsSync(join(downloads, 'done.txt'))).toBe(true);
    expect(await l.provider.status(l.ctx, record)).toMatchObject({ health: 'unhealthy', reason: `CT ${vmid} no longer exists on node ${l.lab.pve.node}` });
  });
});
