import { describe, expect, it } from 'vitest';
import { historyRecorder, parseHistoryListing, writeHistoryCommand, type HistoryEntry } from '../../../../src/platform/operation/history.js';
import type { Plan } from '../../../../src/platform/plan/plan.js';
import { formatHistory } from '../../../../src/cli/commands/history-actions.js';
import { FakeClock } from '../../../support/fake-clock.js';

const plan: Plan = {
  kind: 'restart',
  deployment: 'labapp',
  host: 'docker',
  provider: 'compose',
  app: 'labapp',
  secrets: ['s3cret-pass'],
  steps: [
    { id: 'restart', title: 'Restart every service', actions: [] },
    { id: 'health', title: 'Wait for the containers to be healthy', actions: [] },
  ],
  history: { from: '1', to: '2' },
};
const holder = { user: 'ada', machine: 'laptop', pid: 42, tool: '0.1.0' };

function recorded(): HistoryEntry {
  const clock = new FakeClock(Date.parse('2026-12-06T07:00:00Z'));
  const recorder = historyRecorder(plan, { id: '20261206T070000Z-restart-labapp', holder, clock });
  recorder.onEvent({ type: 'step', index: 0, total: 2, title: 'Restart every service', percent: 0 });
  recorder.onEvent({ type: 'output', line: 'password=s3cret-pass' });
  recorder.onEvent({ type: 'step-done', index: 0, total: 2, percent: 50, durationMs: 1000 });
  recorder.onEvent({ type: 'step', index: 1, total: 2, title: 'Wait for the containers to be healthy', percent: 50 });
  recorder.onEvent({ type: 'failed', index: 1, title: 'Wait for the containers to be healthy', message: 'web: unhealthy', hint: 'read its logs' });
  recorder.onEvent({ type: 'undo-step', index: 0, title: 'Restart every service' });
  void clock.sleep(2500);
  return recorder.entry('undone', { step: 1, title: 'Wait for the containers to be healthy', message: 'web: unhealthy' });
}

describe('operation history entries', () => {
  it('say what, who, when, how long, the result and each step, with the lines and secrets masked', () => {
    const entry = recorded();
    expect(entry).toMatchObject({
      schema: 1,
      kind: 'restart',
      deployment: 'labapp',
      host: 'docker',
      by: { user: 'ada', machine: 'laptop' },
      startedAt: '2026-12-06T07:00:00.000Z',
      finishedAt: '2026-12-06T07:00:02.500Z',
      durationMs: 2500,
      status: 'undone',
      steps: [{ title: 'Restart every service', state: 'undone' }, { title: 'Wait for the containers to be healthy', state: 'failed' }],
      failure: { step: 1, message: 'web: unhealthy' },
      details: { from: '1', to: '2' },
    });
    expect(entry.lines.join('\n')).not.toContain('s3cret-pass');
    expect(entry.lines).toContain('  password=••••');
    expect(entry.lines).toContain('✗ Wait for the containers to be healthy: web: unhealthy (read its logs)');
  });

  it('are written with the path as an argument and the entry on stdin, mode 0600, keeping the newest', () => {
    const command = writeHistoryCommand(recorded(), '/var/lib/homelab-tui/history', 200);
    expect(command.argv.slice(-2)).toEqual(['/var/lib/homelab-tui/history/labapp/20261206T070000Z-restart-labapp.json', '200']);
    expect(command.argv[2]).toContain('chmod 0600');
    expect(JSON.parse(command.stdin as string)).toMatchObject({ id: '20261206T070000Z-restart-labapp' });
  });

  it('read back oldest first; a newer tool\'s extra fields are kept; an unreadable file is named, not quoted', () => {
    const entry = recorded();
    const older = { ...entry, id: 'a', startedAt: '2026-12-01T00:00:00.000Z', digest: 'sha256:abc' };
    const listing = [`/h/labapp/b.json\t${JSON.stringify(entry)}`, `/h/labapp/a.json\t${JSON.stringify(older)}`, '/h/labapp/c.json\t{"secret-looking": nope'].join('\n');
    const { entries, broken } = parseHistoryListing(listing);
    expect(entries.map((e) => e.id)).toEqual(['a', entry.id]);
    expect(entries[0]).toMatchObject({ digest: 'sha256:abc' });
    expect(broken).toEqual([{ path: '/h/labapp/c.json', problem: 'not JSON' }]);
  });

  it('print as a table with an interrupted operation last, or with their lines', () => {
    const history = {
      deployment: 'labapp',
      host: 'docker',
      entries: [recorded()],
      broken: [],
      pending: { id: 'x', kind: 'stop', startedAt: '2026-12-06T07:05:00.000Z', by: holder, status: 'interrupted' as const, progress: '0/1 steps done, stopped at "Stop every service"' },
    };
    const text = formatHistory(history, false);
    expect(text.split('\n')[0]).toMatch(/^WHEN +WHAT +WHO +TOOK +RESULT$/);
    expect(text).toMatch(/2026-12-06 07:00:00Z +restart +ada@laptop +2\.5s +undone: Wait for the containers to be healthy: web: unhealthy/);
    expect(text).toMatch(/2026-12-06 07:05:00Z +stop +ada@laptop +- +interrupted: 0\/1 steps done/);
    expect(formatHistory(history, true)).toContain('  [1/2] Restart every service');
    expect(formatHistory({ ...history, entries: [], pending: undefined } as never, false)).toBe('labapp on docker has no history yet');
  });
});
