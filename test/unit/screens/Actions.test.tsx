import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';
import { fleetFixture } from './fleet-fixture.js';

async function open() {
  const { fleet, deps } = fleetFixture();
  const app = renderApp({ deps });
  await waitFor(() => expect(app.frame()).toContain('jellyfin'));
  return { app, fleet };
}

describe('dashboard actions', () => {
  it('restarts only after a yes, through the source, then reads the host again', async () => {
    const { app, fleet } = await open();
    await app.press('j', 'R');
    await waitFor(() => expect(app.frame()).toContain('⚠ Restart labapp (every service) on docker? [y/N]'));
    expect(app.frame()).toMatch(/y yes, do it\s+n\/esc no/);
    await app.press('n');
    await waitFor(() => expect(app.frame()).not.toContain('Restart labapp'));
    expect(fleet.source.restarts).toEqual([]);
    const readsBefore = fleet.source.reads.filter((h) => h === 'docker').length;
    await app.press('j', 'R');
    await waitFor(() => expect(app.frame()).toContain('Restart service web of labapp on docker?'));
    await app.press('y');
    await waitFor(() => expect(app.frame()).toContain('✓ restarted; it is healthy'));
    expect(fleet.source.restarts).toEqual([{ ref: { host: 'docker', name: 'labapp' }, service: 'web' }]);
    await waitFor(() => expect(fleet.source.reads.filter((h) => h === 'docker').length).toBeGreaterThan(readsBefore));
    app.unmount();
  });

  it('shows a failed restart with its reason and hint', async () => {
    const { app, fleet } = await open();
    fleet.source.restartOutcome = { ok: false, message: 'restart of labapp failed: web did not become healthy in 120 s', hint: 'read its logs (l)' };
    await app.press('j', 'R', 'y');
    await waitFor(() => expect(app.frame()).toContain('✗ restart of labapp failed: web did not become healthy in 120 s'));
    expect(app.frame()).toContain('read its logs (l)');
    app.unmount();
  });

  it('offers no restart where the provider cannot, and says why instead of asking', async () => {
    const { app, fleet } = await open();
    await app.press('G', 'R');
    await waitFor(() => expect(app.frame()).toContain('restart: Proxmox VE container (LXC) deployments cannot be restarted by homelab-tui'));
    expect(app.frame()).not.toContain('[y/N]');
    expect(fleet.source.restarts).toEqual([]);
    app.unmount();
  });

  it('shows later releases\' actions as unavailable, with the reason, in help and when pressed', async () => {
    const { app } = await open();
    await app.press('j', 'U');
    await waitFor(() => expect(app.frame()).toContain('update to a newer version: coming in a later release'));
    await app.press('B');
    await waitFor(() => expect(app.frame()).toContain('back up now: coming in a later release'));
    await app.press('?');
    await waitFor(() => expect(app.frame()).toContain('Keys'));
    expect(app.frame()).toMatch(/U\s+update to a newer version\s.*\n.*unavailable: coming in a later/);
    app.unmount();
  });

  it('prints the URL where it can be selected, and copies it (OSC 52)', async () => {
    const { app, fleet } = await open();
    await app.press('j', 'u');
    await waitFor(() => expect(app.frame()).toContain('http://10.0.0.2:8080'));
    expect(fleet.copied).toEqual(['http://10.0.0.2:8080']);
    expect(app.frame()).toContain('copied to the clipboard');
    await app.press('j', 'j', 'u');
    await waitFor(() => expect(app.frame()).toContain('show the URL and copy it: nextcloud has no URL'));
    app.unmount();
  });

  it('needs a deployment selected: on a host heading the actions say so', async () => {
    const { app } = await open();
    await app.press('l');
    await waitFor(() => expect(app.frame()).toContain('select a deployment or a service first'));
    await app.press(KEYS.enter);
    expect(app.store.getState().route.name).toBe('dashboard');
    app.unmount();
  });
});
