import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';
import { fleetFixture } from './fleet-fixture.js';

async function open() {
  const { fleet, deps } = fleetFixture();
  const app = renderApp({ deps });
  await waitFor(() => expect(app.frame()).toContain('jellyfin'));
  return { app, fleet };
}

describe('stop and start on the dashboard', () => {
  it('S stops only after a yes (the selected service alone on its row); T starts without asking', async () => {
    const { app, fleet } = await open();
    await app.press('j', 'S');
    await waitFor(() => expect(app.frame()).toContain('Stop labapp (every service) on docker? [y/N]'));
    await app.press('n');
    await waitFor(() => expect(app.frame()).not.toContain('Stop labapp'));
    expect(fleet.source.acted).toEqual([]);
    await app.press('j', 'S');
    await waitFor(() => expect(app.frame()).toContain('Stop service web of labapp on docker?'));
    await app.press('y');
    await waitFor(() => expect(fleet.source.acted).toEqual([{ action: 'stop', ref: { host: 'docker', name: 'labapp' }, service: 'web' }]));
    await waitFor(() => expect(app.frame()).toContain('stop: done'));
    await app.press('T');
    await waitFor(() => expect(fleet.source.acted.at(-1)).toEqual({ action: 'start', ref: { host: 'docker', name: 'labapp' }, service: 'web' }));
    app.unmount();
  });

  it('where the provider cannot, says why instead of asking', async () => {
    const { app, fleet } = await open();
    await app.press('G', 'S');
    await waitFor(() => expect(app.frame()).toContain('stop: Proxmox VE container (LXC) deployments cannot be stopped with'));
    expect(app.frame()).not.toContain('[y/N]');
    expect(fleet.source.acted).toEqual([]);
    app.unmount();
  });
});

describe('the history in the details', () => {
  it('lists the last operations kept on the host: when, what, who, how long, result', async () => {
    const { app, fleet } = await open();
    fleet.source.details = () => ({
      logTail: [],
      disk: [],
      history: [
        { startedAt: '2026-12-06T07:00:00.000Z', kind: 'stop', by: 'ada@laptop', durationMs: 2500, status: 'succeeded' },
        { startedAt: '2026-12-06T07:01:00.000Z', kind: 'start', by: 'ada@laptop', durationMs: 12_000, status: 'undone' },
      ],
    });
    await app.press('j', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('History (homelab-tui history labapp)'));
    expect(app.frame()).toMatch(/2026-12-06 07:00:00Z +stop +ada@laptop +2\.5s +succeeded/);
    expect(app.frame()).toMatch(/2026-12-06 07:01:00Z +start +ada@laptop +12\.0s +undone/);
    app.unmount();
  });
});

describe('a shell from the dashboard (E)', () => {
  it('puts the screen away while the shell has the terminal, and comes back as it was, with the exit code', async () => {
    const { app, fleet } = await open();
    let finish: (code: number | null) => void = () => undefined;
    fleet.source.shellWork = () => new Promise((resolve) => (finish = resolve));
    await app.press('j', 'j');
    await waitFor(() => expect(app.frame()).toMatch(/▸\s+web/));
    const before = app.frame();
    await app.press('E');
    await waitFor(() => expect(fleet.source.shells).toEqual([{ ref: { host: 'docker', name: 'labapp' }, service: 'web' }]));
    await waitFor(() => expect(app.frame()).toBe(''));
    expect(app.store.getState().handedOver).toBe(true);
    finish(3);
    await waitFor(() => expect(app.frame()).toContain('left the shell (exit 3)'));
    expect(app.store.getState().handedOver).toBe(false);
    // The same row is still selected.
    expect(app.frame().split('\n').find((l) => l.includes('▸'))).toBe(before.split('\n').find((l) => l.includes('▸')));
    app.unmount();
  });

  it('where the provider has none, says why and lends nothing', async () => {
    const { app, fleet } = await open();
    await app.press('G', 'E');
    await waitFor(() => expect(app.frame().replace(/\s+/g, ' ')).toContain('open a shell in it: Proxmox VE container (LXC) deployments cannot open a shell with this version'));
    expect(fleet.source.shells).toEqual([]);
    app.unmount();
  });
});
