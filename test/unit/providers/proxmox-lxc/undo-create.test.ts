// A failure after `pct create` leaves the choice to the caller; "remove" (the operation's undo) destroys
// the container only when it is the one this install created.
import { describe, expect, it } from 'vitest';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { addressProbeArgv } from '../../../../src/providers/proxmox-lxc/address-checks.js';
import { pct, pveshGet } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import type { OperationEvent } from '../../../../src/platform/operation/operation-events.js';
import { discardOperationLog } from '../../../../src/platform/operation/operation-log.js';
import { Operation } from '../../../../src/platform/operation/operation.js';
import type { RunResult } from '../../../../src/platform/runner/command-runner.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { expectLabNodeReads } from '../../../support/pve-fake-node.js';
import { newRecord } from '../../../support/deployment-records.js';

async function failAfterCreate(configOfCt100: Partial<RunResult>) {
  const inputs = await shippedLxcInputs('labapp', 'lxc_storage=local', 'lxc_ip=10.211.200.120/24', 'lxc_gateway=10.211.200.1');
  const runner = expectLabNodeReads(new FakeRunner('pve'));
  const clock = new FakeClock();
  const ctx = { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock };
  const plan = await new ProxmoxLxcProvider().planInstall(ctx, { name: 'demo', inputs, record: newRecord('demo', inputs) });
  const runs = plan.steps[1]!.actions.flatMap((a) => (a.kind === 'run' ? [a.command.argv] : []));
  const create = runs.find((argv) => argv[1] === 'create')!;
  // The app's data directory on the node is made before the create (and is removed by the undo).
  expect(runs.slice(0, 2)).toEqual([
    ['mkdir', '-p', '--', '/var/lib/homelab-tui/data/demo/var/lib/labapp'],
    ['chown', '100000:100000', '--', '/var/lib/homelab-tui/data/demo/var/lib/labapp'],
  ]);
  runner.expect(
    ...runs.filter((argv) => argv !== create).map((argv) => ({ argv })),
    { argv: pveshGet('/cluster/nextid', [['vmid', 100]]), result: { stdout: '100\n' } },
    // The address is checked again right before the create: still free.
    { argv: pveshGet('/cluster/resources'), result: { stdout: '[]' } },
    { argv: addressProbeArgv('10.211.200.120', 'vmbr0'), result: { stdout: '10.211.200.120 FAILED\n' } },
    { argv: create, lines: [{ source: 'stdout', line: 'extracting archive' }] },
    { argv: pct.start(100), result: { exitCode: 255, stderr: "startup for container '100' failed\n" } },
    { argv: pveshGet('/nodes/lx-pve/lxc/100/config'), result: configOfCt100 },
  );
  const events: OperationEvent[] = [];
  const op = new Operation(plan, { runner, clock, log: discardOperationLog, id: 'op', onEvent: (e) => events.push(e) });
  expect(await op.run()).toBe('failed');
  expect(op.failure).toEqual({ step: 2, message: "pct start 100 on pve exited with 255: startup for container '100' failed" });
  return { op, runner, events };
}

describe('undoing an install that failed after the container was created', () => {
  it('"remove" destroys the container it created (config carries this deployment\'s description and host name)', async () => {
    const { op, runner } = await failAfterCreate({ stdout: JSON.stringify({ hostname: 'labapp', description: 'homelab-tui deployment demo (labapp 1)', memory: 64 }) });
    runner.expect({ argv: pct.destroy(100, { force: true, purge: true }) }, { argv: ['rm', '-rf', '--', '/var/lib/homelab-tui/data/demo/var/lib/labapp'] }, { argv: ['sh', '-c'], prefix: true });
    expect(await op.undo()).toBe('undone');
    runner.verify();
    // The folders the install made above the data directory go when empty, deepest first.
    expect(runner.calls.at(-1)?.argv.slice(4)).toEqual(['/var/lib/homelab-tui/data/demo/var/lib', '/var/lib/homelab-tui/data/demo/var', '/var/lib/homelab-tui/data/demo']);
  });

  it('a container that is not ours (someone took the id) is left alone, and the undo says so', async () => {
    const { op, runner, events } = await failAfterCreate({ stdout: JSON.stringify({ hostname: 'grafana', description: 'monitoring' }) });
    runner.expect({ argv: ['rm', '-rf', '--', '/var/lib/homelab-tui/data/demo/var/lib/labapp'] }, { argv: ['sh', '-c'], prefix: true });
    expect(await op.undo()).toBe('undo-incomplete');
    expect(events.find((e) => e.type === 'undo-failed')).toMatchObject({ message: 'CT 100 is not the container this install created: it was left alone' });
    expect(runner.calls.some((c) => c.argv[1] === 'destroy')).toBe(false);
  });

  it('a container that is already gone needs nothing', async () => {
    const { op, runner } = await failAfterCreate({ exitCode: 255, stderr: "Configuration file 'nodes/lx-pve/lxc/100.conf' does not exist\n" });
    runner.expect({ argv: ['rm', '-rf', '--', '/var/lib/homelab-tui/data/demo/var/lib/labapp'] }, { argv: ['sh', '-c'], prefix: true });
    expect(await op.undo()).toBe('undone');
    expect(runner.calls.some((c) => c.argv[1] === 'destroy')).toBe(false);
  });

  it('an id taken before apply: nothing is created and nothing is undone', async () => {
    const inputs = await shippedLxcInputs('labapp', 'lxc_storage=local', 'lxc_ip=10.211.200.120/24', 'lxc_gateway=10.211.200.1');
    const runner = expectLabNodeReads(new FakeRunner('pve'));
    const clock = new FakeClock();
    const plan = await new ProxmoxLxcProvider().planInstall({ runner, hostName: 'pve', hostAddress: '10.211.3.2', clock }, { name: 'demo', inputs, record: newRecord('demo', inputs) });
    runner.expect({ argv: pveshGet('/cluster/nextid', [['vmid', 100]]), result: { exitCode: 255, stderr: '400 Parameter verification failed.\nvmid: VM 100 already exists\n' } });
    const op = new Operation(plan, { runner, clock, log: discardOperationLog, id: 'op' });
    expect(await op.run()).toBe('failed');
    expect(op.failure).toEqual({ step: 0, message: 'CT id 100 was taken after this plan was made (vmid: VM 100 already exists); nothing was created', hint: 'plan again: the next free id is chosen when the plan is made' });
    expect(await op.undo()).toBe('undone');
    expect(runner.calls.filter((c) => c.argv[0] === 'pct')).toEqual([]);
  });
});
