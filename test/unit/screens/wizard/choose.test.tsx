import { describe, expect, it } from 'vitest';
import { okCheck, dockerFacts, unreachableCheck } from '../../../support/host-facts.js';
import { KEYS, waitFor } from '../../../support/render-app.js';
import { defaultHosts, openWizard, toQuestions } from '../../../support/wizard-app.js';

describe('wizard: app, host and provider steps', () => {
  it('shows Step n/N and what is chosen so far on every step', async () => {
    const app = await openWizard();
    expect(app.frame()).toContain('Step 1/7 · Choose an app');
    expect(app.frame()).toContain('Nothing chosen yet');
    await toQuestions(app);
    expect(app.frame()).toContain('Step 4/7 · Settings');
    expect(app.frame()).toContain('Lab app › docker › compose');
    app.unmount();
  });

  it('lists hosts with their live check: facts when it passed, the reason when it did not', async () => {
    let finish: (() => void) | undefined;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const app = await openWizard({
      hosts: [
        { choice: { name: 'docker', kind: 'ssh', address: '10.0.0.2' }, check: async () => (await slow, okCheck('docker', dockerFacts())) },
        { choice: { name: 'gone', kind: 'ssh', address: '10.0.0.9' }, check: async () => unreachableCheck('gone') },
      ],
    });
    await app.select('Lab app');
    await app.press(KEYS.enter);
    await app.sees('checking…');
    await app.sees('✗ cannot reach gone: connect timed out after 10 s · is the host up and the address right?');
    finish?.();
    await app.sees('✓ docker-compose 1.29.2 · 4 cores · 3.0 GiB RAM free · Debian GNU/Linux 12');
    // A host that failed its check cannot be chosen: Enter does nothing.
    await app.select('gone');
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('Step 2/7');
    app.unmount();
  });

  it('offers only the providers the host can run; the others are greyed with the reason', async () => {
    const app = await openWizard();
    await app.select('Lab app');
    await app.press(KEYS.enter);
    await app.sees('✓ docker-compose');
    await app.select('bare');
    await app.press(KEYS.enter);
    await app.sees('Step 3/7');
    expect(app.frame()).toContain('✗ no docker compose, docker-compose, podman compose or podman-compose on this host');
    expect(app.frame()).toContain('✗ not a Proxmox VE node: no pct or pvesh on this host');
    expect(app.frame()).toContain('✗ not available in this version of homelab-tui');
    // Nothing to choose: Enter stays here.
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('Step 3/7');
    await app.press(KEYS.escape);
    await app.sees('Step 2/7');
    await app.select('docker');
    await app.press(KEYS.enter);
    await app.sees('uses docker-compose 1.29.2');
    app.unmount();
  });

  it('says when the app has no recipe for a provider', async () => {
    const app = await openWizard({ implemented: ['compose', 'proxmox-lxc', 'k3s'] });
    await app.select('Jellyfin');
    await app.press(KEYS.enter);
    await app.sees('✓ docker-compose');
    await app.select('docker');
    await app.press(KEYS.enter);
    await app.sees(/✗ Jellyfin has no recipe for k3s|✗ no k3s on this host/);
    app.unmount();
  });

  it('Esc steps back one step at a time, and from the first step to the dashboard', async () => {
    const app = await openWizard();
    await toQuestions(app);
    for (const step of ['Step 3/7', 'Step 2/7', 'Step 1/7']) {
      await app.press(KEYS.escape);
      await app.sees(step);
    }
    await app.press(KEYS.escape);
    await app.sees('Press i to install');
    app.unmount();
  });

  it('adds a host inline, then checks it and offers it', async () => {
    const hosts = defaultHosts();
    const app = await openWizard({ hosts });
    await app.select('Lab app');
    await app.press(KEYS.enter);
    await app.sees('+ Add a host');
    await app.press('a');
    await app.sees('Add a host');
    await app.press('Bad Name', KEYS.enter, 'nas.lan', KEYS.enter, KEYS.enter, KEYS.enter);
    await app.sees('✗ invalid host: name');
    // Fix the name: back to the first field, clear it, type a good one.
    await app.press(KEYS.tab);
    await app.press(...Array.from({ length: 8 }, () => KEYS.backspace), 'nas');
    hosts.push({ choice: { name: 'nas', kind: 'ssh', address: 'nas.lan' }, check: async () => okCheck('nas', dockerFacts()) });
    await app.press(KEYS.enter, KEYS.enter, KEYS.enter, KEYS.enter);
    await waitFor(() => expect(app.frame()).toMatch(/▸ nas\s+nas\.lan/));
    expect(app.backend.hosts().map((h) => h.name)).toContain('nas');
    app.unmount();
  });
});
