import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/providers/provider.js';
import { LOG_CAPACITY } from '../../../src/store/logs-slice.js';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';
import { fleetFixture } from './fleet-fixture.js';

/** A stream that yields `lines`, then waits (following) until aborted. */
function following(lines: LogLine[]) {
  return async function* (_ref: unknown, options: { signal?: AbortSignal }): AsyncIterable<LogLine> {
    yield* lines;
    await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  };
}

async function openLogs(lines: LogLine[], keys: string[] = ['j', 'j', 'j', 'l']) {
  const { fleet, deps } = fleetFixture();
  fleet.source.logLines = following(lines);
  const app = renderApp({ deps });
  await waitFor(() => expect(app.frame()).toContain('jellyfin'));
  await app.press(...keys);
  await waitFor(() => expect(app.frame()).toContain('● following'));
  return { app, fleet };
}

const mixed: LogLine[] = Array.from({ length: 30 }, (_, i) => ({ source: i % 2 ? 'db' : 'app', line: `line ${i}${i % 10 === 3 ? ' ERROR disk full' : ''}` }));

describe('logs view', () => {
  it('follows the services merged, each line tagged with its source, asking the host for a tail', async () => {
    const { app, fleet } = await openLogs(mixed);
    await waitFor(() => expect(app.frame()).toContain('line 29'));
    expect(app.frame()).toMatch(/app\s+│ line 28\n.*db\s+│ line 29/);
    expect(app.frame()).toContain('logs nextcloud on docker');
    expect(fleet.source.logRequests[0]).toMatchObject({ ref: { host: 'docker', name: 'nextcloud' }, options: { tail: 500, follow: true } });
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('by host'));
    app.unmount();
  });

  it('opens one service\'s logs from its row', async () => {
    const { app, fleet } = await openLogs(mixed, ['j', 'j', 'j', 'j', 'l']);
    expect(fleet.source.logRequests[0]?.options.service).toBe('app');
    expect(app.frame()).toContain('logs nextcloud on docker · app');
    app.unmount();
  });

  it('filters with a regex, inverts with !, and says when the pattern is not valid', async () => {
    const { app } = await openLogs(mixed);
    await app.press('/', ...'error');
    await waitFor(() => expect(app.frame()).toContain('/error'));
    await app.press(KEYS.enter);
    const lines = () => app.frame().split('\n').filter((l) => l.includes('│'));
    await waitFor(() => expect(lines()).toHaveLength(3));
    expect(lines().every((l) => l.includes('ERROR disk full'))).toBe(true);
    await app.press('!');
    await waitFor(() => expect(app.frame()).toContain('inverted'));
    expect(lines().some((l) => l.includes('ERROR'))).toBe(false);
    await app.press('/', '(');
    await waitFor(() => expect(app.frame()).toContain('not a valid regular expression'));
    app.unmount();
  });

  it('highlights the matches when colour is on', async () => {
    const { fleet, deps } = fleetFixture();
    fleet.source.logLines = following(mixed);
    const chalk = (await import('chalk')).default;
    const level = chalk.level;
    chalk.level = 1;
    try {
      const app = renderApp({ deps, colour: true });
      await waitFor(() => expect(app.frame()).toContain('jellyfin'));
      await app.press('j', 'j', 'j', 'l', '/', ...'disk', KEYS.enter);
      // Inverse video (SGR 7) around the match.
      await waitFor(() => expect(app.frame()).toMatch(/\u001B\[7m(\u001B\[\d+m)*disk/));
      app.unmount();
    } finally {
      chalk.level = level;
    }
  });

  it('pauses: new lines wait below while the view holds still, and resumes at the newest', async () => {
    const { fleet, deps } = fleetFixture();
    let push: (line: LogLine) => void = () => undefined;
    fleet.source.logLines = async function* (_ref, options) {
      const queue: LogLine[] = [];
      let wake: () => void = () => undefined;
      push = (line) => {
        queue.push(line);
        wake();
      };
      while (!options.signal?.aborted) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    const app = renderApp({ deps });
    await waitFor(() => expect(app.frame()).toContain('jellyfin'));
    await app.press('j', 'l');
    push({ source: 'web', line: 'before pause' });
    await waitFor(() => expect(app.frame()).toContain('before pause'));
    await app.press(' ');
    await waitFor(() => expect(app.frame()).toContain('paused'));
    push({ source: 'web', line: 'while paused' });
    await waitFor(() => expect(app.frame()).toContain('paused (1 new)'));
    expect(app.frame()).not.toContain('while paused');
    await app.press(' ');
    await waitFor(() => expect(app.frame()).toContain('while paused'));
    app.unmount();
  });

  it('toggles time stamps and wrapping', async () => {
    const long = [{ source: 'app', line: `start ${'x'.repeat(150)} END` }];
    const { app } = await openLogs(long);
    await waitFor(() => expect(app.frame()).toContain('start'));
    expect(app.frame()).not.toContain('END');
    await app.press('w');
    await waitFor(() => expect(app.frame()).toContain('END'));
    await app.press('t');
    await waitFor(() => expect(app.frame()).toMatch(/00:10:00\.000 app/));
    app.unmount();
  });

  it('shows the source\'s own time stamp when it gives one', async () => {
    const { app } = await openLogs([{ source: 'app', line: 'stamped', time: '2026-11-22T12:23:12.816442178Z' }]);
    await app.press('t');
    await waitFor(() => expect(app.frame()).toMatch(/12:23:12\.816 app\s+│ stamped/));
    app.unmount();
  });

  it('keeps a bounded buffer per stream, however much arrives', async () => {
    const flood = Array.from({ length: LOG_CAPACITY * 3 }, (_, i) => ({ source: 'app', line: `n${i}` }));
    const { app } = await openLogs([...flood, { source: 'db', line: 'the quiet one' }]);
    await waitFor(() => expect(app.frame()).toContain(`${LOG_CAPACITY * 3 + 1} lines (last ${LOG_CAPACITY + 1} kept)`));
    app.unmount();
  });

  it('shows why a stream failed, with its hint', async () => {
    const { fleet, deps } = fleetFixture();
    fleet.source.logLines = async function* () {
      yield* [];
      throw Object.assign(new Error('"nextcloud" has no containers on docker'), { hint: 'it is not running: see homelab-tui status' });
    };
    const app = renderApp({ deps });
    await waitFor(() => expect(app.frame()).toContain('jellyfin'));
    await app.press('j', 'j', 'j', 'l');
    await waitFor(() => expect(app.frame()).toContain('✗ "nextcloud" has no containers on docker'));
    expect(app.frame()).toContain('hint: it is not running: see homelab-tui status');
    app.unmount();
  });
});
