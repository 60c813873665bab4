import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import { keymapsByScope } from '../../../src/screens/keymaps.js';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';

// A foreground colour SGR code (30-37, 90-97).
// eslint-disable-next-line no-control-regex
const COLOUR_CODE = /\u001B\[(3[0-7]|9[0-7])m/;

describe('App shell', () => {
  it('shows the empty dashboard with how to start, and the footer hints', async () => {
    const app = renderApp();
    await waitFor(() => expect(app.frame()).toContain('local'));
    expect(app.frame()).toContain('Nothing is deployed yet.');
    expect(app.frame()).toContain('homelab-tui install APP --host HOST');
    expect(app.frame()).toMatch(/\? help\s+q quit/);
    app.unmount();
  });

  it('lists inventory hosts loaded through the store', async () => {
    const app = renderApp({
      deps: { loadHosts: async () => [{ name: 'local', kind: 'local', address: '' }, { name: 'nas', kind: 'ssh', address: '10.0.0.2' }] },
    });
    await waitFor(() => expect(app.frame()).toMatch(/nas\s+10\.0\.0\.2/));
    app.unmount();
  });

  it('opens help with ? listing every binding by group, and closes it with esc', async () => {
    const app = renderApp();
    await app.press('?');
    await waitFor(() => expect(app.frame()).toContain('Keys'));
    expect(app.frame()).toContain('Navigate');
    expect(app.frame()).toMatch(/↓\/j\s+move down/);
    expect(app.frame()).toMatch(/esc\s+close help/);
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('Nothing is deployed yet.'));
    app.unmount();
  });

  it('fits 80x24: no binding is cut, and the help scrolls (pgdn, j, k) to show every one of them', async () => {
    const app = renderApp({ columns: 80, rows: 24 });
    await waitFor(() => expect(app.frame()).toContain('local'));
    await app.press('?');
    await waitFor(() => expect(app.frame()).toMatch(/Keys · lines 1-\d+ of (\d+)/));
    const total = Number(/of (\d+)/.exec(app.frame())?.[1]);
    const seen = new Set<string>();
    const collect = () => {
      const frame = app.frame();
      expect(frame).not.toContain('…');
      for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
      for (const b of keymapsByScope.dashboard!.flatMap((k) => k.bindings)) if (frame.includes(`${b.description}${b.dangerous ? ' (asks first)' : ''}`)) seen.add(b.id + b.description);
    };
    collect();
    const atEnd = () => app.frame().includes(`-${total} of ${total}`);
    for (let page = 0; page < 10 && !atEnd(); page += 1) {
      const before = app.frame();
      await app.press(KEYS.pageDown);
      await waitFor(() => expect(app.frame()).not.toBe(before));
      collect();
    }
    collect();
    expect(app.frame()).toContain(`-${total} of ${total}`);
    const every = keymapsByScope.dashboard!.flatMap((k) => k.bindings).map((b) => b.id + b.description);
    expect([...new Set(every)].filter((id) => !seen.has(id))).toEqual([]);
    // One line back up, then a page up to the start.
    await app.press('k');
    await waitFor(() => expect(app.frame()).not.toContain(`-${total} of ${total}`));
    await app.press(KEYS.pageUp);
    await app.press(KEYS.pageUp);
    await app.press(KEYS.pageUp);
    await waitFor(() => expect(app.frame()).toMatch(/Keys · lines 1-/));
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('Nothing is deployed yet.'));
    app.unmount();
  });

  it('a wide terminal shows the whole help in columns, without scrolling', async () => {
    const app = renderApp({ columns: 200, rows: 50 });
    await waitFor(() => expect(app.frame()).toContain('local'));
    await app.press('?');
    await waitFor(() => expect(app.frame()).toMatch(/Keys\s/));
    expect(app.frame()).not.toContain('lines 1-');
    expect(app.frame()).toContain('quit (asks first in the wizard)');
    app.unmount();
  });

  it('quits on q and on ctrl+c', async () => {
    for (const key of ['q', KEYS.ctrlC]) {
      const app = renderApp();
      await app.press(key);
      await waitFor(() => expect(app.store.getState().quitting).toBe(true));
      app.unmount();
    }
  });

  it('shows a malformed inventory as an error with its hint instead of crashing', async () => {
    const app = renderApp({
      deps: {
        loadHosts: async () => {
          throw Object.assign(new Error('hosts.yaml:4:5: hosts[0].port: expected number'), { hint: 'expected number' });
        },
      },
    });
    await waitFor(() => expect(app.frame()).toContain('✗ hosts.yaml:4:5: hosts[0].port'));
    app.unmount();
  });

  it('moves the selection with j/k and the arrows', async () => {
    const app = renderApp({
      deps: { loadHosts: async () => [{ name: 'local', kind: 'local', address: '' }, { name: 'nas', kind: 'ssh', address: 'x' }] },
    });
    await waitFor(() => expect(app.frame()).toContain('▸ local'));
    await app.press('j');
    await waitFor(() => expect(app.frame()).toContain('▸ nas'));
    await app.press(KEYS.up);
    await waitFor(() => expect(app.frame()).toContain('▸ local'));
    app.unmount();
  });

  it('uses colour escape codes only when colour is on', async () => {
    // Tests do not run in a colour terminal; raise chalk's level so both cases can be told apart.
    const previous = chalk.level;
    chalk.level = 1;
    try {
      const coloured = renderApp({ colour: true });
      await waitFor(() => expect(coloured.frame()).toContain('local'));
      expect(coloured.frame()).toMatch(COLOUR_CODE);
      coloured.unmount();
      const plain = renderApp({ colour: false });
      await waitFor(() => expect(plain.frame()).toContain('local'));
      expect(plain.frame()).not.toMatch(COLOUR_CODE);
      plain.unmount();
    } finally {
      chalk.level = previous;
    }
  });
});
