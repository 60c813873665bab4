import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../../src/platform/health/health-check.js';
import { Operation } from '../../../../src/platform/operation/operation.js';
import type { OperationEvent } from '../../../../src/platform/operation/operation-events.js';
import { discardOperationLog } from '../../../../src/platform/operation/operation-log.js';
import type { Plan, PlanStep } from '../../../../src/platform/plan/plan.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const run = (...argv: string[]) => ({ kind: 'run' as const, command: { argv } });

function plan(steps: PlanStep[], secrets: string[] = []): Plan {
  return { kind: 'install', deployment: 'app1', host: 'h', provider: 'compose', app: 'labapp', steps, secrets };
}

function operation(p: Plan, runner: FakeRunner, events: OperationEvent[] = []) {
  return new Operation(p, { runner, clock: new FakeClock(), log: discardOperationLog, id: 'op1', onEvent: (e) => events.push(e) });
}

const threeSteps: PlanStep[] = [
  { id: 'dir', title: 'Create directory', actions: [run('mkdir', '-p', '/srv/app1')], undo: [run('rm', '-rf', '/srv/app1')] },
  { id: 'up', title: 'Start', actions: [run('compose', 'up')], undo: [run('compose', 'down')] },
  { id: 'probe', title: 'Probe', actions: [run('probe')] },
];

describe('Operation', () => {
  it('runs every step in order with progress events and percentages', async () => {
    const runner = new FakeRunner().expect({ argv: ['mkdir', '-p', '/srv/app1'] }, { argv: ['compose', 'up'] }, { argv: ['probe'] });
    const events: OperationEvent[] = [];
    const op = operation(plan(threeSteps), runner, events);
    expect(await op.run()).toBe('succeeded');
    runner.verify();
    expect(runner.calls.map((c) => c.argv[0])).toEqual(['mkdir', 'compose', 'probe']);
    expect(events.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? [e.index, e.total, e.percent] : []))).toEqual([
      [0, 3, 0],
      [1, 3, 33],
      [2, 3, 67],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
  });

  it('stops at a failing command, reports it, and undoes newest first only when asked', async () => {
    const runner = new FakeRunner().expect(
      { argv: ['mkdir', '-p', '/srv/app1'] },
      { argv: ['compose', 'up'], result: { exitCode: 1, stderr: 'port is already allocated' } },
      { argv: ['compose', 'down'] },
      { argv: ['rm', '-rf', '/srv/app1'] },
    );
    const events: OperationEvent[] = [];
    const op = operation(plan(threeSteps), runner, events);
    expect(await op.run()).toBe('failed');
    expect(op.failure).toMatchObject({ step: 1, message: expect.stringContaining('port is already allocated') });
    expect(runner.calls.map((c) => c.argv.join(' '))).toEqual(['mkdir -p /srv/app1', 'compose up']);
    expect(await op.undo()).toBe('undone');
    expect(runner.calls.slice(2).map((c) => c.argv.join(' '))).toEqual(['compose down', 'rm -rf /srv/app1']);
    runner.verify();
  });

  it('retries from the failed step without repeating the finished ones', async () => {
    const runner = new FakeRunner().expect(
      { argv: ['mkdir', '-p', '/srv/app1'] },
      { argv: ['compose', 'up'], result: { exitCode: 1 } },
    );
    const op = operation(plan(threeSteps), runner);
    expect(await op.run()).toBe('failed');
    runner.expect({ argv: ['compose', 'up'] }, { argv: ['probe'] });
    expect(await op.run()).toBe('succeeded');
    expect(runner.calls.map((c) => c.argv.join(' '))).toEqual(['mkdir -p /srv/app1', 'compose up', 'compose up', 'probe']);
    runner.verify();
  });

  it('undoes what was done when aborted (Ctrl-C) and ends cancelled', async () => {
    const controller = new AbortController();
    const steps: PlanStep[] = [
      threeSteps[0]!,
      { id: 'long', title: 'Install', actions: [{ kind: 'call', description: 'long install', run: async () => controller.abort() }, run('never')] },
    ];
    const runner = new FakeRunner().expect({ argv: ['mkdir', '-p', '/srv/app1'] }, { argv: ['rm', '-rf', '/srv/app1'] });
    expect(await operation(plan(steps), runner).run(controller.signal)).toBe('cancelled');
    runner.verify();
  });

  it('reports an undo that fails and carries on with the rest', async () => {
    const runner = new FakeRunner().expect(
      { argv: ['mkdir', '-p', '/srv/app1'] },
      { argv: ['compose', 'up'] },
      { argv: ['probe'], result: { exitCode: 2 } },
      { argv: ['compose', 'down'], result: { exitCode: 1, stderr: 'no such project' } },
      { argv: ['rm', '-rf', '/srv/app1'] },
    );
    const events: OperationEvent[] = [];
    const op = operation(plan(threeSteps), runner, events);
    await op.run();
    expect(await op.undo()).toBe('undo-incomplete');
    expect(events.find((e) => e.type === 'undo-failed')).toMatchObject({ title: 'Start', message: expect.stringContaining('no such project') });
    runner.verify();
  });

  it('fails a wait step with the health reason and hint', async () => {
    const unhealthy: HealthCheck = {
      describe: () => 'GET /health',
      run: async () => ({ ok: false, reason: 'probe /health returned 500: database unreachable', hint: 'read its logs', durationMs: 0 }),
    };
    const steps: PlanStep[] = [{ id: 'wait', title: 'Wait for health', actions: [{ kind: 'wait', check: unhealthy, timeoutMs: 3000, intervalMs: 1000 }] }];
    const op = operation(plan(steps), new FakeRunner());
    expect(await op.run()).toBe('failed');
    expect(op.failure).toMatchObject({ message: 'probe /health returned 500: database unreachable (still failing after 3 s)', hint: 'read its logs' });
  });

  it('masks secrets in the output it emits', async () => {
    const runner = new FakeRunner().expect({ argv: ['show'], result: { stdout: 'password is hunter22-secret\n' } });
    const events: OperationEvent[] = [];
    await operation(plan([{ id: 's', title: 'S', actions: [run('show')] }], ['hunter22-secret']), runner, events).run();
    const lines = events.flatMap((e) => (e.type === 'output' ? [e.line] : []));
    expect(lines).toContain('password is ••••');
    expect(JSON.stringify(events)).not.toContain('hunter22-secret');
  });

  it('takes the lock before the first step and releases it in finish()', async () => {
    const order: string[] = [];
    const runner = new FakeRunner().expect({ argv: ['probe'] });
    const op = new Operation(plan([{ id: 'p', title: 'P', actions: [run('probe')] }]), {
      runner,
      clock: new FakeClock(),
      log: discardOperationLog,
      id: 'op',
      acquireLock: async () => {
        order.push('lock');
        return { release: async () => void order.push('release') };
      },
      onEvent: (e) => e.type === 'step' && order.push('step'),
    });
    await op.run();
    await op.finish();
    expect(order).toEqual(['lock', 'step', 'release']);
  });
});
