// A failure after `pct create`: the operation stops and leaves the choice to the caller. "remove"
// (undo) leaves no container behind, "keep" leaves it for debugging, "retry" continues from the failed
// step once the cause is fixed. The failures are real: the lab app's "bad" build fails its health
// check, and a file where the app's directory belongs breaks the install step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecord } from '../../support/deployment-records.js';
import { FaultRunner } from '../../support/fault-runner.js';
import { eventually, httpGet, sshRun } from '../../support/lab.js';
import { applyPlan, containerExists, containersOf, expectPveContract, guestAddress, labappInputs, lxcLab, removeTestDeployments } from '../../support/lxc-lab.js';
import { Operation } from '../../../src/platform/operation/operation.js';
import { discardOperationLog } from '../../../src/platform/operation/operation-log.js';
import { systemClock } from '../../../src/platform/clock.js';

const l = await lxcLab({ healthTimeoutMs: 8_000 });
const NAME = 'e2e-fail';

beforeAll(async () => removeTestDeployments(l.lab, NAME));

afterAll(async () => {
  await l.close();
  await removeTestDeployments(l.lab, NAME);
  // Last, so a violation fails the file after the cleanup has run.
  expectPveContract(l, 'failure-recovery');
});

async function failingInstall(name: string, offset: number) {
  const inputs = await labappInputs(l.lab, guestAddress(l.lab, offset), 'version=bad');
  const plan = await l.provider.planInstall(l.ctx, { name, inputs, record: newRecord(name, inputs) });
  const vmid = Number(/Create container (\d+)/.exec(plan.steps[1]?.title ?? '')?.[1]);
  const run = await applyPlan(plan, l.runner);
  expect(run.status).toBe('failed');
  expect(run.op.failure).toMatchObject({ step: 5, message: 'probe /health returned 500: database unreachable (still failing after 8 s)', hint: 'the app is running but failing: read its logs' });
  expect(await containerExists(vmid)).toBe(true);
  return { ...run, vmid };
}

describe('a failure after the container was created', () => {
  it('"remove" undoes the install: no container is left behind, and no record', async () => {
    const { op, vmid, events } = await failingInstall(`${NAME}-remove`, 40);
    expect(await op.undo()).toBe('undone');
    expect(events.filter((e) => e.type === 'undo-step').map((e) => e.type === 'undo-step' && e.title)).toEqual([`Create container ${vmid} (labapp) on ${l.lab.pve.node}`]);
    expect(await containerExists(vmid)).toBe(false);
    expect(await containersOf(l.lab, `${NAME}-remove`)).toEqual([]);
    expect((await sshRun('pve', ['test', '-e', `/var/lib/homelab-tui/deployments/${NAME}-remove.json`])).exitCode).toBe(1);
  });

  it('"keep" leaves the container running for debugging, failing as it did', async () => {
    const { op, vmid } = await failingInstall(`${NAME}-keep`, 41);
    expect(await op.keep()).toBe('kept');
    expect(await containerExists(vmid)).toBe(true);
    expect(await httpGet(`http://${guestAddress(l.lab, 41)}:8080/health`)).toEqual({ status: 500, body: 'database unreachable' });
  });

  it('"retry" continues from the failed step once the cause is fixed', async () => {
    const inputs = await labappInputs(l.lab, guestAddress(l.lab, 42));
    const name = `${NAME}-retry`;
    const plan = await l.provider.planInstall(l.ctx, { name, inputs, record: newRecord(name, inputs) });
    const vmid = Number(/Create container (\d+)/.exec(plan.steps[1]?.title ?? '')?.[1]);
    const runner = new FaultRunner(l.runner).before(
      (argv) => argv[1] === 'exec' && argv.includes('LABAPP_VERSION=1'),
      async () => void (await sshRun('pve', ['pct', 'exec', String(vmid), '--', 'sh', '-c', 'mkdir -p /opt && touch /opt/labapp'])),
    );
    const op = new Operation(plan, { runner, clock: systemClock, log: discardOperationLog, id: 'e2e-retry' });
    expect(await op.run()).toBe('failed');
    expect(op.failure?.step).toBe(3);
    expect(op.failure?.message).toMatch(/^pct exec \d+ -- env LABAPP_VERSION=1 sh -ec <\d+-line script> on pve exited with 1: mkdir: .*Not a directory$/);

    await sshRun('pve', ['pct', 'exec', String(vmid), '--', 'rm', '-f', '/opt/labapp']);
    expect(await op.run()).toBe('succeeded');
    await eventually('the app to answer', async () => (await httpGet(`http://${guestAddress(l.lab, 42)}:8080/health`, 2_000)).status === 200);
    expect((await sshRun('pve', ['test', '-e', `/var/lib/homelab-tui/deployments/${name}.json`])).exitCode).toBe(0);
  });
});
