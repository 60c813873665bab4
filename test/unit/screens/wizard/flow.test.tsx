import { describe, expect, it } from 'vitest';
import { activeScope as scopeOf } from '../../../../src/screens/action-reasons.js';
import type { NewHostKeyRequest, SshInteraction } from '../../../../src/platform/ssh/interaction.js';
import { KEYS, renderApp, waitFor } from '../../../support/render-app.js';
import { openWizard } from '../../../support/wizard-app.js';
import { shippedCatalog } from '../../../support/catalog.js';
import { fakeWizardBackend } from '../../../support/wizard-backend.js';
import { defaultHosts } from '../../../support/wizard-app.js';

/** Every screen the user passes, in order (a screen is a keymap scope: a step, a form, a dialog). */
function screensOf(app: Awaited<ReturnType<typeof openWizard>>): string[] {
  const seen = [scopeOf(app.store.getState())];
  app.store.subscribe((state) => {
    const scope = scopeOf(state);
    if (scope !== seen.at(-1) && scope !== 'wizard-loading') seen.push(scope);
  });
  return seen;
}

describe('wizard: the whole flow', () => {
  it('the default SQLite path takes at most six screens from start to the review', async () => {
    for (const { app: name, typed } of [{ app: 'Vikunja', typed: 'https://tasks.example.org/' }, { app: 'Lab app', typed: '' }]) {
      const app = await openWizard();
      const screens = screensOf(app);
      await app.select(name);
      await app.press(KEYS.enter);
      await app.sees('✓ docker-compose');
      await app.press(KEYS.enter);
      await app.sees('Step 3/7');
      await app.press(KEYS.enter);
      await app.sees('Step 4/7');
      expect(app.store.getState().wizard.form?.state.answers.db_type ?? 'sqlite').toBe('sqlite');
      // Enter through the filled-in fields (typing only what has no default), then Continue.
      for (let i = 0; i < 12 && !app.frame().includes('Step 5/7'); i++) {
        const focus = app.store.getState().wizard.form?.focus;
        const field = app.store.getState().wizard.form?.state.fields.find((f) => f.id === focus);
        await app.press(...(field?.missing ? [typed] : []), KEYS.enter);
      }
      await app.sees('Step 5/7');
      await app.sees('All checks passed');
      await app.press(KEYS.enter);
      await app.sees('Step 6/7');
      const toReview = screens.slice(screens.indexOf('wizard-app'), screens.indexOf('wizard-review') + 1);
      expect(toReview).toEqual(['wizard-app', 'wizard-host', 'wizard-provider', 'wizard-questions', 'wizard-preflight', 'wizard-review']);
      expect(toReview.length).toBeLessThanOrEqual(6);
      app.unmount();
    }
  });

  it('opens on the first run (nothing deployed, no inventory), and Esc leaves it for the dashboard', async () => {
    const fake = fakeWizardBackend({ catalog: await shippedCatalog(), hosts: defaultHosts() });
    const app = renderApp({ deps: { isFirstRun: async () => true, loadWizard: async () => fake.backend } });
    await waitFor(() => expect(app.frame()).toContain('Step 1/7 · Choose an app'));
    expect(app.frame()).toContain("welcome: let's install your first app");
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('Nothing is deployed yet.'));
    app.unmount();
  });

  it('? shows the step’s keys from the same keymaps as the footer; Esc closes help and stays on the step', async () => {
    const app = await openWizard();
    await app.select('Lab app');
    await app.press(KEYS.enter);
    await app.sees('Step 2/7');
    await app.press('?');
    await app.sees('Keys');
    expect(app.frame()).toMatch(/a\s+add host/);
    expect(app.frame()).toMatch(/esc\s+back/);
    expect(app.frame()).toMatch(/ctrl\+c\s+quit \(asks\)/);
    await app.press(KEYS.escape);
    await app.sees('Step 2/7 · Choose a host');
    expect(app.frame()).not.toContain('Keys');
    app.unmount();
  });

  it('Ctrl-C asks before quitting; Esc keeps everything typed, Enter quits', async () => {
    const app = await openWizard();
    await app.press(KEYS.ctrlC);
    await app.sees('Quit homelab-tui?');
    expect(app.store.getState().quitting).toBe(false);
    await app.press(KEYS.escape);
    await app.sees('Step 1/7');
    // q is not a quit key in the wizard (it may be typed into a field).
    await app.press('q');
    expect(app.store.getState().quitting).toBe(false);
    await app.press(KEYS.ctrlC);
    await app.sees('Quit homelab-tui?');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.store.getState().quitting).toBe(true));
    app.unmount();
  });

  it('shows the SHA256 fingerprint of a new host key and asks before trusting it', async () => {
    let ui: SshInteraction | undefined;
    const request: NewHostKeyRequest = { host: 'nas', knownHostsName: '10.0.0.7', keyType: 'ssh-ed25519', fingerprint: 'SHA256:q8bN3m8VSuMhk3Rm9GJdW2sXQ2yAFKkH4bM9C4mP1xQ' };
    const app = await openWizard({ onUi: (given) => (ui = given) });
    const first = ui?.confirmNewHostKey(request);
    await app.sees('New host key: nas');
    expect(app.frame()).toContain('ssh-ed25519 SHA256:q8bN3m8VSuMhk3Rm9GJdW2sXQ2yAFKkH4bM9C4mP1xQ');
    expect(app.frame()).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    await app.press(KEYS.enter);
    expect(await first).toBe(true);
    await app.sees('Step 1/7');
    const second = ui?.confirmNewHostKey({ ...request, host: 'other' });
    await app.sees('New host key: other');
    await app.press(KEYS.escape);
    expect(await second).toBe(false);
    app.unmount();
  });

  it('outside the wizard (the dashboard’s connections share its SSH pool) the dashboard asks itself; a refused key is not asked about again', async () => {
    let ui: SshInteraction | undefined;
    const request: NewHostKeyRequest = { host: 'nas', knownHostsName: '10.0.0.7', keyType: 'ssh-ed25519', fingerprint: 'SHA256:q8bN3m8VSuMhk3Rm9GJdW2sXQ2yAFKkH4bM9C4mP1xQ' };
    const app = await openWizard({ onUi: (given) => (ui = given) });
    app.store.getState().finishWizard();
    await waitFor(() => expect(app.store.getState().route.name).not.toBe('wizard'));
    const asked = ui?.confirmNewHostKey(request);
    await app.sees('New host key: nas');
    expect(app.frame()).toContain('ssh-ed25519 SHA256:q8bN3m8VSuMhk3Rm9GJdW2sXQ2yAFKkH4bM9C4mP1xQ');
    expect(app.store.getState().wizard.hostKeys).toEqual([]);
    await app.press(KEYS.escape);
    expect(await asked).toBe(false);
    await waitFor(() => expect(app.frame()).not.toContain('New host key'));
    // The poller meets it again on every refresh: refused once, it is not asked again.
    expect(await ui?.confirmNewHostKey(request)).toBe(false);
    expect(app.frame()).not.toContain('New host key');
    expect(await ui?.askPassphrase({ host: 'nas', identityFile: '/home/ann/.ssh/id_ed25519', attempt: 1 })).toBeUndefined();
    app.unmount();
  });

  it('asks for the passphrase of an encrypted key, masked, and hands it to the SSH layer only', async () => {
    let ui: SshInteraction | undefined;
    const app = await openWizard({ onUi: (given) => (ui = given) });
    const asked = ui?.askPassphrase({ host: 'nas', identityFile: '/home/ann/.ssh/id_ed25519', attempt: 1 });
    await app.sees('Passphrase for /home/ann/.ssh/id_ed25519');
    // One write, as a terminal delivers a paste or tmux send-keys -l.
    await app.press('s3cret');
    await app.sees('••••••');
    expect(app.frame()).not.toContain('s3cret');
    await app.press(KEYS.enter);
    expect(await asked).toBe('s3cret');
    expect(JSON.stringify(app.store.getState().wizard)).not.toContain('s3cret');
    const again = ui?.askPassphrase({ host: 'nas', identityFile: '/home/ann/.ssh/id_ed25519', attempt: 2 });
    await app.sees('That passphrase was wrong; try again.');
    await app.press(KEYS.escape);
    expect(await again).toBeUndefined();
    await app.sees('Step 1/7');
    app.unmount();
  });

  it('saves the answers as the app’s defaults after showing the diff against the saved ones', async () => {
    const app = await openWizard({ saved: { labapp: { port: '9000', data_dir: '/srv/old' } } });
    await app.select('Lab app');
    await app.press(KEYS.enter);
    await app.sees('✓ docker-compose');
    await app.press(KEYS.enter, KEYS.enter);
    await app.sees('Step 4/7');
    expect(app.frame()).toMatch(/Host port\s+9000/);
    app.store.getState().editField('port', '9100');
    for (let i = 0; i < 6 && !app.frame().includes('Step 5/7'); i++) await app.press(KEYS.enter);
    await app.sees('All checks passed');
    await app.press(KEYS.enter);
    await app.sees('Step 6/7');
    await app.press(KEYS.enter);
    await app.sees('is installed on docker and healthy');
    expect(app.frame().replace(/ \\\n\s*/g, ' ')).toContain("homelab-tui install labapp --host docker --provider compose --set 'port=9100' --set 'data_dir=/srv/old' --yes");
    await app.press('s');
    await app.sees('Save these answers as defaults for labapp');
    await app.sees('~ port: 9000 → 9100');
    expect(app.frame()).not.toContain('data_dir');
    await app.press(KEYS.enter);
    await app.sees('✓ Saved to /config/answers/labapp.yaml');
    expect(app.savedDefaults).toEqual([{ app: 'labapp', values: { port: 9100, data_dir: '/srv/old' } }]);
    await app.press(KEYS.escape);
    await app.sees('is installed on docker and healthy');
    app.unmount();
  });
});
