// A plan's step may run on another inventory host (PlanStep.host: the managed proxy's site on a host
// of the user's choice). The operation runs it, and its undo, with that host's runner; the journal in
// the record on the plan's host names the step's host.
import { describe, expect, it } from 'vitest';
import { recordJournal } from '../../../../src/platform/operation/journal.js';
import { Operation } from '../../../../src/platform/operation/operation.js';
import { discardOperationLog } from '../../../../src/platform/operation/operation-log.js';
import type { Plan, PlanStep } from '../../../../src/platform/plan/plan.js';
import type { CommandRunner } from '../../../../src/platform/runner/command-runner.js';
import { newRecord } from '../../../support/deployment-records.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const run = (...argv: string[]) => ({ kind: 'run' as const, command: { argv } });

const steps: PlanStep[] = [
  { id: 'up', title: 'Start', actions: [run('compose', 'up')], undo: [run('compose', 'down')] },
  { id: 'proxy', title: 'Serve https://a.lab.test through Caddy on edge', host: 'edge', actions: [run('write-site')], undo: [run('rm-site')] },
  { id: 'probe', title: 'Probe', actions: [run('probe')] },
];
const plan: Plan = { kind: 'install', deployment: 'app1', host: 'app', provider: 'compose', app: 'labapp', steps, secrets: [] };

function operation(app: FakeRunner, runnerFor?: (host: string) => Promise<CommandRunner>) {
  return new Operation(plan, { runner: app, clock: new FakeClock(), log: discardOperationLog, id: 'op1', ...(runnerFor ? { runnerFor } : {}) });
}

describe('steps on another host', () => {
  it('runs a step that names a host with that host\'s runner, and its undo there too', async () => {
    const app = new FakeRunner('app').expect({ argv: ['compose', 'up'] }, { argv: ['probe'], result: { exitCode: 1, stderr: 'no answer' } }, { argv: ['compose', 'down'] });
    const edge = new FakeRunner('edge').expect({ argv: ['write-site'] }, { argv: ['rm-site'] });
    const asked: string[] = [];
    const op = operation(app, async (host) => {
      asked.push(host);
      return edge;
    });
    expect(await op.run()).toBe('failed');
    expect(await op.undo()).toBe('undone');
    app.verify();
    edge.verify();
    expect(edge.calls.map((c) => c.argv[0])).toEqual(['write-site', 'rm-site']);
    expect(new Set(asked)).toEqual(new Set(['edge']));
  });

  it('refuses a step on another host when the operation cannot open one', async () => {
    const app = new FakeRunner('app').expect({ argv: ['compose', 'up'] }, { argv: ['compose', 'down'] });
    const op = operation(app);
    expect(await op.run()).toBe('failed');
    expect(op.failure?.message).toMatch(/runs on edge, but this operation can reach only app/);
    expect(await op.undo()).toBe('undo-incomplete');
  });

  it('names the other host in the journal written to the record before the first change', async () => {
    const record = newRecord('app1', { app: 'labapp', version: '1' }, 'compose', 'app');
    const written = [...steps.slice(0, 2), { id: 'record', title: 'Write the record', actions: [], recordChange: { kind: 'write' as const, record } }];
    const app = new FakeRunner('app');
    const writes: string[] = [];
    app.run = async (command) => {
      if (typeof command.stdin === 'string') writes.push(command.stdin);
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    const journal = recordJournal({ runner: app, plan: { ...plan, steps: written }, id: 'op1', holder: { user: 'u', machine: 'm', pid: 1, tool: 'homelab-tui 0' }, clock: new FakeClock() });
    await journal.begin();
    const saved = JSON.parse(writes.find((w) => w.includes('"operation"')) ?? '{}') as { operation?: { steps: { id: string; host?: string }[] } };
    expect(saved.operation?.steps.map((s) => [s.id, s.host])).toEqual([
      ['up', undefined],
      ['proxy', 'edge'],
      ['record', undefined],
    ]);
  });
});
