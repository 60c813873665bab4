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
    fleet.source.outcomes.restart = { ok: false, message: 'restart of labapp failed: web did not become healthy in 120 s', hint: 'read its logs (l)' };
    await app.press('j', 'R', 'y');
    await waitFor(() => expect(app.frame()).toContain('✗ restart of labapp failed: web did not become healthy in 120 s'));
    expect(app.frame()).toContain('read its logs (l)');
    app.unmount();
  });

  it('offers no restart where the provider cannot, and says why instead of asking', async () => {
    const { app, fleet } = await open();
    await app.press('G', 'R');
    await waitFor(() => expect(app.frame()).toContain('restart: Proxmox VE container (LXC) deployments cannot be restarted with this version of'));
    expect(app.frame()).not.toContain('[y/N]');
    expect(fleet.source.restarts).toEqual([]);
    app.unmount();
  });

  it('shows actions the provider lacks as unavailable, with the action table\'s reason, in help and when pressed', async () => {
    const { app } = await open();
    await app.press('j', 'U');
    await waitFor(() => expect(app.frame()).toContain('update to a newer version: Docker Compose deployments cannot be updated'));
    await app.press('b');
    await waitFor(() => expect(app.frame()).toContain('back up now (the archive goes to this machine): Docker Compose deployments cannot be'));
    await app.press('?');
    await waitFor(() => expect(app.frame()).toContain('Keys'));
    // Help shows the reason under the key (cut to its column; pressing the key shows it whole, above),
    // on the page of the help that holds it.
    const shown = /U\s+update to a newer ve\S*\s.*\n.*unavailable: Docker/;
    for (let page = 0; page < 5 && !shown.test(app.frame()); page += 1) await app.press(KEYS.pageDown);
    await waitFor(() => expect(app.frame()).toMatch(shown));
    app.unmount();
  });

  it('uninstalls with X only after a yes that says the data is kept, never with purge, and the deployment leaves the list', async () => {
    const { app, fleet } = await open();
    await app.press('j', 'j', 'X');
    await waitFor(() => expect(app.frame()).toContain('⚠ Uninstall labapp from docker? [y/N]'));
    expect(app.frame()).toContain('its data is kept on docker');
    await app.press('n');
    await waitFor(() => expect(app.frame()).not.toContain('Uninstall labapp'));
    expect(fleet.source.acted).toEqual([]);
    // A service row uninstalls the whole deployment (uninstall is not per service).
    await app.press('X', 'y');
    await waitFor(() => expect(app.frame()).toContain('✓ uninstalled; its data is kept'));
    expect(fleet.source.acted).toEqual([{ action: 'uninstall', ref: { host: 'docker', name: 'labapp' } }]);
    fleet.source.setHost('docker', { deployments: (await fleet.source.readHost('docker')).deployments.filter((d) => d.record.name !== 'labapp') });
    app.store.getState().refreshFleet('docker');
    await waitFor(() => expect(app.frame()).not.toMatch(/^\s*▸? ?labapp\b/m));
    app.unmount();
  });

  it('tracks running actions per deployment: two run at once, each with its progress, and the busy one refuses a second', async () => {
    const { app, fleet } = await open();
    fleet.source.holdActions = true;
    await app.press('j', 'R', 'y');
    await waitFor(() => expect(app.frame()).toContain('… restarting labapp on docker'));
    await app.press('j', 'j', 'R', 'y');
    await waitFor(() => expect(app.frame()).toContain('… restarting nextcloud on docker'));
    expect(Object.keys(app.store.getState().running).sort()).toEqual(['docker/labapp', 'docker/nextcloud']);
    fleet.source.heldActions[0]?.options.onEvent?.({ type: 'step', index: 1, total: 3, title: 'Restart every service' } as never);
    await waitFor(() => expect(app.frame()).toContain('restarting labapp on docker (step 2/3: Restart every service)'));
    // labapp is busy: its restart and uninstall say so instead of asking.
    await app.press('g', 'j', 'X');
    await waitFor(() => expect(app.frame()).toContain('restarting labapp on docker: wait until it ends'));
    expect(app.frame()).not.toContain('[y/N]');
    fleet.source.heldActions[0]?.resolve({ ok: true, message: 'restarted labapp on docker; it is healthy' });
    await waitFor(() => expect(app.frame()).not.toContain('… restarting labapp'));
    expect(app.frame()).toContain('… restarting nextcloud on docker');
    fleet.source.heldActions[1]?.resolve({ ok: true, message: 'restarted nextcloud on docker; it is healthy' });
    await waitFor(() => expect(app.store.getState().running).toEqual({}));
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
