// stop and start (the Stoppable and Startable capabilities) of an installed container, as plans.
import { describe, expect, it } from 'vitest';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { isStartable, isStoppable, type ProviderContext } from '../../../../src/providers/provider.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { newRecord } from '../../../support/deployment-records.js';

const provider = new ProxmoxLxcProvider();
const record: DeploymentRecord = {
  ...newRecord('lab', { app: 'labapp', version: '1' }),
  refs: { vmid: 180, node: 'lx-pve', hostname: 'fx-ct', address: '10.211.200.180', service: 'labapp' },
  probe: { kind: 'http', address: '10.211.200.180', port: 8080, path: '/health', expectStatus: 200 },
};
const onNode = { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' } };

function context(runner: FakeRunner): ProviderContext {
  return { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock(Date.parse('2026-01-01T12:00:00Z')) };
}

describe('stop and start of a container', () => {
  it('stop shuts the whole container down cleanly (a hard stop after a minute); undo starts it', async () => {
    expect(isStoppable(provider)).toBe(true);
    const plan = await provider.planStop(context(new FakeRunner('pve').expect(onNode)), record);
    expect(plan.kind).toBe('stop');
    expect(plan.steps.map((s) => s.title)).toEqual(['Stop container 180']);
    expect(plan.steps[0]?.actions).toMatchObject([{ kind: 'run', command: { argv: ['pct', 'shutdown', '180', '--timeout', '60', '--forceStop', '1'] } }]);
    expect(plan.steps[0]?.undo).toMatchObject([{ kind: 'run', command: { argv: ['pct', 'start', '180'] } }]);
  });

  it('start starts the container and waits for the app probe; undo stops it again', async () => {
    expect(isStartable(provider)).toBe(true);
    const plan = await provider.planStart(context(new FakeRunner('pve').expect(onNode)), record);
    expect(plan.kind).toBe('start');
    expect(plan.steps[0]?.actions).toMatchObject([{ kind: 'run', command: { argv: ['pct', 'start', '180'] } }, { kind: 'wait', timeoutMs: 180_000 }]);
    expect(plan.steps[0]?.undo).toMatchObject([{ kind: 'run', command: { argv: ['pct', 'shutdown', '180', '--timeout', '60', '--forceStop', '1'] } }]);
  });

  it('its one service, as status names it (the hostname), is the container itself', async () => {
    const stop = await provider.planStop(context(new FakeRunner('pve').expect(onNode)), record, 'fx-ct');
    expect(stop.steps[0]?.actions).toMatchObject([{ kind: 'run', command: { argv: ['pct', 'shutdown', '180', '--timeout', '60', '--forceStop', '1'] } }]);
  });

  it('a service the deployment does not have is refused, naming the one it has', async () => {
    await expect(provider.planStop(context(new FakeRunner()), record, 'db')).rejects.toThrow('"lab" has one service, its container fx-ct, not db');
    await expect(provider.planStart(context(new FakeRunner()), record, 'db')).rejects.toThrow('"lab" has one service, its container fx-ct, not db');
  });
});
