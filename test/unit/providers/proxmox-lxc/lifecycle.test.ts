// status, logs, snapshots and uninstall of an installed container, against a FakeRunner that answers
// as the lab node did (captured fixtures).
import { runStep } from '../../../support/run-step.js';
import { describe, expect, it } from 'vitest';
import { logsCommand } from '../../../../src/providers/proxmox-lxc/container-logs.js';
import { LOGS_SCRIPT, RESTART_SCRIPT } from '../../../../src/providers/proxmox-lxc/guest-scripts.js';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { pct, pveshGet } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import { hasSnapshots, isRestartable, type ProviderContext } from '../../../../src/providers/provider.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { pveFixture } from '../../../support/pve-fixtures.js';
import { newRecord } from '../../../support/deployment-records.js';
import { listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';

const provider = new ProxmoxLxcProvider();
const record: DeploymentRecord = {
  ...newRecord('lab', { app: 'labapp', version: '1' }),
  refs: { vmid: 180, node: 'lx-pve', hostname: 'fx-ct', address: '10.211.200.180', service: 'labapp', template: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz' },
  probe: { kind: 'http', address: '10.211.200.180', port: 8080, path: '/health', expectStatus: 200, bodyContains: 'ok' },
};
const STATUS = pveshGet('/nodes/lx-pve/lxc/180/status/current');
const CURL = ['curl', '-sS', '--max-time', '5', '-o', '-', '-w', '\n__homelab_tui_status__%{http_code}', 'http://10.211.200.180:8080/health'];
const MISSING = { exitCode: 255, stderr: pveFixture('lab-sim', 'pct-status-missing.stderr.txt').replace('181', '180') };

function context(runner: FakeRunner): ProviderContext {
  return { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock(Date.parse('2026-01-01T12:00:00Z')) };
}

describe('status', () => {
  it('running and answering: healthy, with when it started', async () => {
    const runner = new FakeRunner('pve').expect({ argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-running.json') } }, { argv: CURL, result: { stdout: 'ok\n__homelab_tui_status__200' } });
    const status = await provider.status(context(runner), record);
    expect(status).toMatchObject({ deployment: 'lab', health: 'healthy', probe: { ok: true, output: 'HTTP 200: ok' } });
    expect(status.services).toEqual([{ name: 'fx-ct', version: '1', image: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz', state: 'running', health: 'healthy', startedAt: '2026-01-01T11:59:43.000Z', memoryBytes: 0, cpuPercent: 0 }]);
  });

  it("running but failing its probe: unhealthy: the HTTP answer it got, and the probe's hint", async () => {
    const runner = new FakeRunner('pve').expect({ argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-running.json') } }, { argv: CURL, result: { stdout: 'database unreachable\n__homelab_tui_status__500' } });
    expect(await provider.status(context(runner), record)).toMatchObject({ health: 'unhealthy', reason: 'unhealthy: HTTP 500: database unreachable from /health', probe: { reason: 'probe /health returned 500: database unreachable' }, hint: 'the app is running but failing: read its logs' });
  });

  it('stopped: no probe, and how to start it', async () => {
    const runner = new FakeRunner('pve').expect({ argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-stopped.json') } });
    expect(await provider.status(context(runner), record)).toMatchObject({ health: 'stopped', reason: 'CT 180 is stopped', hint: 'start it: pct start 180', services: [{ state: 'stopped' }] });
  });

  it('gone from the node: missing, and what to do', async () => {
    const runner = new FakeRunner('pve').expect({ argv: STATUS, result: MISSING });
    expect(await provider.status(context(runner), record)).toMatchObject({ health: 'unhealthy', reason: 'CT 180 no longer exists on node lx-pve', services: [{ name: 'fx-ct', state: 'missing' }] });
  });

  it('with DHCP the probe goes to the address the running guest reports, or says it has none yet', async () => {
    const dhcp = { ...record, refs: { ...record.refs, address: 'dhcp' }, probe: { kind: 'http' as const, address: 'dhcp', port: 8080, path: '/health', expectStatus: 200, bodyContains: 'ok' } };
    const interfaces = pveshGet('/nodes/lx-pve/lxc/180/interfaces');
    const running = { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-running.json') } };
    const leased = new FakeRunner('pve').expect(running, { argv: interfaces, result: { stdout: pveFixture('lab-sim', 'ct-interfaces.json') } }, { argv: CURL, result: { stdout: 'ok\n__homelab_tui_status__200' } });
    expect(await provider.status(context(leased), dhcp)).toMatchObject({ health: 'healthy' });
    const waiting = new FakeRunner('pve').expect(running, { argv: interfaces, result: { stdout: '[{"name":"eth0","ip-addresses":[]}]' } });
    expect(await provider.status(context(waiting), dhcp)).toMatchObject({
      health: 'unhealthy',
      reason: 'CT 180 has no IPv4 address yet',
      hint: 'is a DHCP server answering on its bridge? or give it a static address (lxc_ip)',
    });
  });

  it('a record without container refs is refused with a reason', async () => {
    await expect(provider.status(context(new FakeRunner()), newRecord('x', { app: 'labapp', version: '1' }))).rejects.toThrow(/the record of "x" does not say which container it is \(vmid\)/);
  });
});

describe('logs', () => {
  it('follows the service log inside the guest and tags each line', async () => {
    const argv = logsCommand(180, 'labapp', { tail: 20, follow: true, since: '10m' });
    expect(argv).toEqual(['pct', 'exec', '180', '--', 'sh', '-c', LOGS_SCRIPT, 'sh', 'labapp', '20', 'yes', '-10min']);
    const runner = new FakeRunner('pve').expect(
      { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' } },
      { argv, lines: [{ source: 'stdout', line: '2026-01-01T11:59:43Z starting labapp' }, { source: 'stdout', line: 'GET /health' }] },
    );
    const lines = [];
    for await (const line of provider.logs(context(runner), record, { tail: 20, follow: true, since: '10m', signal: new AbortController().signal })) lines.push(line);
    expect(lines).toEqual([{ source: 'labapp', line: '2026-01-01T11:59:43Z starting labapp' }, { source: 'labapp', line: 'GET /health' }]);
  });

  it('a container on another node is refused before pct runs', async () => {
    const runner = new FakeRunner('pve').expect({ argv: ['uname', '-n'], result: { stdout: 'pve2.example.org\n' } });
    const read = async () => {
      for await (const _ of provider.logs(context(runner), record, {})) return;
    };
    await expect(read()).rejects.toMatchObject({ message: 'CT 180 of "lab" is on node lx-pve, but pve is node pve2', hint: 'add lx-pve to the inventory and run this against it' });
  });
});

describe('snapshots (the capability)', () => {
  const onNode = { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true };

  it('is offered', () => {
    expect(hasSnapshots(provider)).toBe(true);
  });

  it('snapshot, list, rollback (starting again what ran), delete', async () => {
    const runner = new FakeRunner('pve').expect(
      onNode,
      { argv: pct.snapshot(180, 'pre-update-2', 'homelab-tui: labapp 1 (lab)') },
      { argv: pveshGet('/nodes/lx-pve/lxc/180/snapshot'), result: { stdout: pveFixture('lab-sim', 'ct-snapshots.json') } },
      { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-running.json') } },
      { argv: pct.rollback(180, 'before_update', true) },
      { argv: pct.delsnapshot(180, 'before_update') },
    );
    const ctx = context(runner);
    await runStep(provider.snapshotStep(ctx, record, 'pre-update-2'));
    expect(await provider.listSnapshots(ctx, record)).toEqual(['before_update']);
    await runStep(provider.rollbackStep(ctx, record, 'before_update'));
    await runStep(provider.snapshotStep(ctx, record, 'before_update'), 'undo');
    runner.verify();
  });

  it('a name PVE would refuse is refused first; a failing pct is a CommandError with its message', async () => {
    expect(() => provider.snapshotStep(context(new FakeRunner()), record, 'before update')).toThrow('"before update" cannot name a snapshot');
    expect(() => provider.snapshotStep(context(new FakeRunner()), record, 'current')).toThrow('"current" cannot name a snapshot');
    const runner = new FakeRunner('pve').expect(onNode, { argv: pct.snapshot(180, 'snap1', 'homelab-tui: labapp 1 (lab)'), result: { exitCode: 255, stderr: 'snapshot feature is not available\n' } });
    await expect(runStep(provider.snapshotStep(context(runner), record, 'snap1'))).rejects.toThrow('pct snapshot 180 snap1 --description homelab-tui: labapp 1 (lab) on pve exited with 255: snapshot feature is not available');
  });
});

describe('uninstall plan', () => {
  const onNode = { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' } };
  const config = { argv: pveshGet('/nodes/lx-pve/lxc/180/config'), result: { stdout: pveFixture('lab-sim', 'ct-config.json') } };

  it('running, with --purge: stop, destroy with purge, forget; bind-mounted host folders named as kept', async () => {
    const runner = new FakeRunner('pve').expect(onNode, { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-running.json') } }, config);
    const plan = await provider.planUninstall(context(runner), record, { purge: true });
    expect(plan.steps.map((s) => s.actions.map((a) => (a.kind === 'run' ? a.command.argv.join(' ') : a.kind === 'call' ? a.description : a.kind)))).toEqual([
      ['pct shutdown 180 --timeout 60 --forceStop 1'],
      ['pct destroy 180 --purge 1 --destroy-unreferenced-disks 1'],
      ['remove /var/lib/homelab-tui/deployments/lab.json on pve'],
    ]);
    expect(plan.notes).toContain('Bind-mounted host folders stay as they are: /tmp.');
    expect(plan.notes?.some((n) => n.startsWith('--purge: '))).toBe(true);
  });

  it('stopped, without --purge: destroy only', async () => {
    const runner = new FakeRunner('pve').expect(onNode, { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-stopped.json') } }, config);
    const plan = await provider.planUninstall(context(runner), record, { purge: false });
    expect(plan.steps.map((s) => s.title)).toEqual(['Destroy container 180 (fx-ct)', 'Remove the deployment record']);
    expect(plan.steps[0]?.actions).toMatchObject([{ command: { argv: ['pct', 'destroy', '180'] } }]);
  });

  const DATA = '/var/lib/homelab-tui/data/lab/var/lib/labapp';
  const withData: DeploymentRecord = { ...record, data: [{ path: DATA, created: true, root: '/var/lib/homelab-tui/data/lab', mount: '/var/lib/labapp' }], dataPaths: [DATA] };
  const noOtherRecords = { argv: listRecordsCommand().argv, result: { stdout: '' } };

  it('with app data, without --purge: destroy, a 0600 note of what is kept where, the record; the data stays', async () => {
    const runner = new FakeRunner('pve').expect(onNode, { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-stopped.json') } }, config, noOtherRecords);
    const plan = await provider.planUninstall(context(runner), withData, { purge: false });
    expect(plan.steps.map((s) => s.id)).toEqual(['destroy', 'kept-note', 'record']);
    const write = plan.steps[1]?.actions.find((a) => a.kind === 'write');
    expect(write).toMatchObject({ path: '/var/lib/homelab-tui/kept-data/lab.json', mode: 0o600 });
    expect(JSON.parse(write?.kind === 'write' ? write.content : '{}')).toEqual({ name: 'lab', app: 'labapp', node: 'lx-pve', vmid: 180, keptAt: '2026-01-01T12:00:00.000Z', data: [{ node: DATA, guest: '/var/lib/labapp' }] });
    expect(plan.data).toEqual({ removed: [], kept: [DATA] });
    expect(plan.steps.flatMap((s) => s.actions).some((a) => a.kind === 'run' && a.command.argv[0] === 'rm')).toBe(false);
  });

  it("with data it did not create (an adopted container's mount point): no note of kept data, nothing removed", async () => {
    const adopted: DeploymentRecord = { ...record, data: [{ path: '/srv/by-hand', created: false, mount: '/var/lib/labapp' }], dataPaths: [] };
    const runner = new FakeRunner('pve').expect(onNode, { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-stopped.json') } }, config, noOtherRecords);
    const plan = await provider.planUninstall(context(runner), adopted, { purge: false });
    expect(plan.steps.map((s) => s.id)).toEqual(['destroy', 'record']);
    expect(plan.data).toEqual({ removed: [], kept: ['/srv/by-hand'] });
  });

  it('with app data and --purge: the data directories and the note go after the container', async () => {
    const runner = new FakeRunner('pve').expect(onNode, { argv: STATUS, result: { stdout: pveFixture('lab-sim', 'ct-status-stopped.json') } }, config, noOtherRecords);
    const plan = await provider.planUninstall(context(runner), withData, { purge: true });
    expect(plan.steps.map((s) => s.id)).toEqual(['destroy', 'purge', 'kept-note', 'record']);
    expect(plan.steps[1]?.actions[0]).toMatchObject({ command: { argv: ['rm', '-rf', '--', DATA] } });
    expect(plan.steps[2]?.actions).toMatchObject([{ command: { argv: ['rm', '-f', '--', '/var/lib/homelab-tui/kept-data/lab.json'] } }]);
    expect(plan.data).toEqual({ removed: [DATA], kept: [] });
  });

  it('already gone: only the record is removed', async () => {
    const runner = new FakeRunner('pve').expect(onNode, { argv: STATUS, result: MISSING });
    const plan = await provider.planUninstall(context(runner), record, { purge: true });
    expect(plan.steps.map((s) => s.title)).toEqual(['Remove the deployment record']);
    expect(plan.notes).toEqual(['CT 180 no longer exists on lx-pve: only the record is removed.']);
  });
});

describe('restart (the Restartable capability)', () => {
  it('restarts the service inside the container, then waits for the probe', async () => {
    expect(isRestartable(provider)).toBe(true);
    const runner = new FakeRunner('pve').expect({ argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' } });
    const plan = await provider.planRestart(context(runner), record);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]?.actions).toMatchObject([
      { kind: 'run', command: { argv: ['pct', 'exec', '180', '--', 'sh', '-c', RESTART_SCRIPT, 'sh', 'labapp'] } },
      { kind: 'wait', timeoutMs: 180_000 },
    ]);
  });

  it('its one service may be named as status and the dashboard name it (the hostname) or as the app unit', async () => {
    for (const service of [record.refs.hostname as string, 'labapp']) {
      const runner = new FakeRunner('pve').expect({ argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' } });
      const plan = await provider.planRestart(context(runner), record, service);
      expect(plan.steps[0]?.actions[0]).toMatchObject({ kind: 'run', command: { argv: ['pct', 'exec', '180', '--', 'sh', '-c', RESTART_SCRIPT, 'sh', 'labapp'] } });
    }
  });

  it('a service the deployment does not have is refused, naming the one it has', async () => {
    await expect(provider.planRestart(context(new FakeRunner()), record, 'db')).rejects.toThrow(`"lab" has one service, its container ${String(record.refs.hostname)}, not db`);
  });
});
