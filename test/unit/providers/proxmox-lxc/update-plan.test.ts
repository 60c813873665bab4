// The Proxmox LXC update plan (issue 14), built against a FakeRunner: homelab-tui's snapshot before, the
// recipe's steps of the new version in the guest, and a rollback that goes to the snapshot without
// starting, so the data is restored while the container is stopped.
import { describe, expect, it } from 'vitest';
import type { PlanAction, PlanStep } from '../../../../src/platform/plan/plan.js';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { pct } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import { isUpdatable, type ProviderContext, type UpdateRequest } from '../../../../src/providers/provider.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { newRecord } from '../../../support/deployment-records.js';

const provider = new ProxmoxLxcProvider({ healthTimeoutMs: 10_000, keepSnapshots: 2 });
const record: DeploymentRecord = {
  ...newRecord('lab', { app: 'labapp', version: '1' }),
  refs: { vmid: 180, node: 'lx-pve', hostname: 'fx-ct', address: '10.211.200.180', service: 'labapp' },
  probe: { kind: 'http', address: '10.211.200.180', port: 8080, path: '/health', expectStatus: 200, bodyContains: 'ok' },
};
const onNode = { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true };
const RESTORE: PlanAction = { kind: 'run', command: { argv: ['true', 'restore-data'] }, description: 'restore the data' };
const AT = Date.parse('2026-12-07T02:15:09Z');

function context(runner: FakeRunner): ProviderContext {
  return { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock(AT) };
}

async function request(...sets: string[]): Promise<UpdateRequest> {
  const inputs = await shippedLxcInputs('labapp', 'version=2', ...sets);
  return { from: '1', to: '2', images: {}, restoreData: [RESTORE], inputs: () => inputs, at: AT };
}

const argvOf = (step: PlanStep | undefined, which: 'actions' | 'undo' = 'actions') => (which === 'actions' ? step?.actions : step?.undo)?.flatMap((a) => (a.kind === 'run' ? [a.command.argv] : []));

describe('the Proxmox LXC update plan', () => {
  it('is offered (the dashboard\'s U and the CLI read the capability)', () => {
    expect(isUpdatable(provider)).toBe(true);
  });

  it('snapshots first, runs the new version\'s steps in the guest, restarts the service; the rollback does not start the container before the data is back', async () => {
    const steps = await provider.planUpdate(context(new FakeRunner('pve').expect(onNode)), record, await request());
    expect(steps.safety?.map((s) => s.title)).toEqual(['Snapshot the container as homelab-tui-20261207-021509']);
    const apply = argvOf(steps.apply) ?? [];
    expect(apply[0]).toEqual(['mkdir', '-p', '-m', '0700', '--', '/var/lib/homelab-tui/updates']);
    expect(apply.some((argv) => argv.join(' ').startsWith('pct exec 180 -- env LABAPP_VERSION=2 sh -ec'))).toBe(true);
    expect(apply.at(-1)?.slice(0, 6)).toEqual(['pct', 'exec', '180', '--', 'sh', '-c']);
    expect(steps.apply.actions.find((a) => a.kind === 'write')).toMatchObject({ path: '/var/lib/homelab-tui/updates/lab.lxc-snapshot', content: 'homelab-tui-20261207-021509\n', mode: 0o600 });
    const undo = steps.apply.undo ?? [];
    expect(undo[0]).toMatchObject({ kind: 'run', command: { argv: pct.rollback(180, 'homelab-tui-20261207-021509', false) } });
    expect(undo[1]).toBe(RESTORE);
    expect(undo[2]).toMatchObject({ kind: 'run', command: { argv: pct.start(180) } });
    expect(undo.map((a) => a.kind)).toEqual(['run', 'run', 'run', 'wait', 'wait', 'run']);
    expect(steps.after?.map((s) => s.title)).toEqual(['Keep the newest 2 homelab-tui snapshots of the container']);
  });

  it('a recipe that declares blue-green, for a container no managed Caddy serves, is updated in place, and the plan says so', async () => {
    const plain = await provider.planUpdate(context(new FakeRunner('pve').expect(onNode)), record, await request());
    expect(plain.notes).toBeUndefined();
    const declared = await provider.planUpdate(context(new FakeRunner('pve').expect(onNode)), record, { ...(await request()), blueGreen: true });
    expect(declared.notes).toEqual([expect.stringMatching(/^in place, not blue-green: it is not served by the managed Caddy .*; labapp in CT 180 is down while it restarts$/)]);
  });

  it('a rollback to an older release puts its data back while the container is shut down', async () => {
    const whileStopped: PlanAction = { kind: 'run', command: { argv: ['true', 'old-data'] } };
    const steps = await provider.planUpdate(context(new FakeRunner('pve').expect(onNode)), record, { ...(await request()), whileStopped: [whileStopped] });
    const apply = steps.apply.actions;
    const shutdown = apply.findIndex((a) => a.kind === 'run' && a.command.argv[1] === 'shutdown');
    expect(shutdown).toBeGreaterThan(0);
    expect(apply[shutdown + 1]).toBe(whileStopped);
    expect(apply[shutdown + 2]).toMatchObject({ kind: 'run', command: { argv: pct.start(180) } });
  });

  it('refuses, changing nothing, when the new version\'s steps need secrets (they are kept only in the guest)', async () => {
    const base = await request();
    const inputs = await shippedLxcInputs('labapp', 'version=2');
    const withSecret = { ...inputs, steps: inputs.steps.map((s) => ({ ...s, env: { ...s.env, DB_PASSWORD: 'x' }, secretEnv: ['DB_PASSWORD'] })) };
    const runner = new FakeRunner('pve').expect(onNode);
    await expect(provider.planUpdate(context(runner), record, { ...base, inputs: () => withSecret })).rejects.toThrow('lab cannot be updated in place by this version of homelab-tui: the install steps of labapp (Write the lab app) need secrets that are kept only in its container');
  });

  it('an interrupted update with no note on the node changed nothing: no rollback runs', async () => {
    const runner = new FakeRunner('pve').expect(
      onNode,
      { argv: ['cat', '--', '/var/lib/homelab-tui/updates/lab.lxc-green'], result: { exitCode: 1, stderr: 'No such file or directory\n' } },
      { argv: ['cat', '--', '/var/lib/homelab-tui/updates/lab.lxc-snapshot'], result: { exitCode: 1, stderr: 'No such file or directory\n' } },
    );
    const step = await provider.interruptedUpdateStep(context(runner), record, { from: '1', restoreData: [RESTORE] });
    const lines: string[] = [];
    for (const action of step.actions) if (action.kind === 'call') await action.run({ signal: new AbortController().signal, output: (l) => lines.push(l) });
    expect(lines).toEqual(['/var/lib/homelab-tui/updates/lab.lxc-snapshot is not there: the update had not changed lab; nothing to roll back']);
    runner.verify();
  });
});
