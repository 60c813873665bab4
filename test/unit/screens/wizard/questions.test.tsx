import { describe, expect, it } from 'vitest';
import { KEYS, waitFor } from '../../../support/render-app.js';
import { openWizard, toQuestions } from '../../../support/wizard-app.js';

/** The value drawn on a field's row. */
function rowOf(frame: string, label: string): string {
  return frame.split('\n').find((line) => line.includes(`${label}  `)) ?? '';
}

describe('wizard: the questions screen', () => {
  it('pre-fills defaults and validates as the user types, with the reason in words', async () => {
    const app = await openWizard();
    await toQuestions(app);
    expect(rowOf(app.frame(), 'Deployment name')).toContain('labapp');
    expect(rowOf(app.frame(), 'Host port')).toContain('8080');
    expect(rowOf(app.frame(), 'Data directory')).toContain('/srv/labapp/data');
    await app.press(KEYS.enter);
    await app.sees('▸ Host port');
    await app.press('0');
    await app.sees('80800');
    await app.sees('✗ 80800 is not in the allowed range 1 to 65535');
    // Enter does not leave a field whose text is refused.
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('▸ Host port');
    await app.press(KEYS.backspace);
    await waitFor(() => expect(app.frame()).not.toContain('is not a port'));
    await app.press(KEYS.enter);
    await app.sees('▸ Data directory');
    await app.press('x/');
    await app.sees('/srv/labapp/datax/');
    app.unmount();
  });

  it('drops line breaks a burst of keys (a paste) brings into a field', async () => {
    const app = await openWizard();
    await toQuestions(app);
    app.store.getState().editField('port', '9000\r\r');
    await waitFor(() => expect(rowOf(app.frame(), 'Host port')).toContain('9000'));
    expect(app.store.getState().wizard.form?.state.sets).toEqual(['port=9000']);
    app.unmount();
  });

  it('Back keeps what was typed, on this step and across the steps before it', async () => {
    const app = await openWizard();
    await toQuestions(app);
    await app.press(KEYS.enter, KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, '1909');
    await waitFor(() => expect(rowOf(app.frame(), 'Host port')).toContain('1909'));
    await app.press(KEYS.escape);
    await app.sees('Step 3/7');
    await app.press(KEYS.escape);
    await app.sees('Step 2/7');
    await app.press(KEYS.escape);
    await app.sees('Step 1/7');
    expect(app.frame()).toContain('▸ Lab app');
    await app.press(KEYS.enter);
    await app.sees('Step 2/7');
    expect(app.frame()).toContain('▸ docker');
    await app.press(KEYS.enter);
    await app.sees('Step 3/7');
    await app.press(KEYS.enter);
    await app.sees('Step 4/7');
    expect(rowOf(app.frame(), 'Host port')).toContain('1909');
    app.unmount();
  });

  it('"Advanced" shows the rest of the questions and hides them again; Enter through the defaults never opens it', async () => {
    const app = await openWizard();
    await toQuestions(app);
    expect(app.frame()).toContain('+ Show 2 advanced settings');
    expect(app.frame()).not.toContain('Compose project name');
    await app.press(KEYS.down, KEYS.down, KEYS.down);
    await app.sees('▸ + Show 2 advanced settings');
    await app.press(KEYS.enter);
    await app.sees('Compose project name');
    expect(app.frame()).toContain('− Hide the advanced settings');
    expect(rowOf(app.frame(), 'Version')).toContain('1');
    expect(rowOf(app.frame(), 'Compose project name')).toContain('labapp');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).not.toContain('Compose project name'));
    app.unmount();
  });

  it('changes a choice with ←/→ (never with Space), and keeps the hidden advanced answer when collapsed', async () => {
    const app = await openWizard();
    await toQuestions(app);
    await app.press(KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
    await app.sees('Version');
    // Focus Version (first after the name in the app section).
    await app.press(KEYS.up, KEYS.up, KEYS.up, KEYS.up);
    await app.sees(/▸ Version\s+‹ 1 ›/);
    await app.press(' ');
    expect(app.frame()).toMatch(/▸ Version\s+‹ 1 ›/);
    await app.press(KEYS.right);
    await app.sees(/▸ Version\s+‹ 2 ›/);
    expect(app.store.getState().wizard.form?.state.sets).toEqual(['version=2']);
    app.unmount();
  });

  it('blocks an empty required answer with what it needs, and goes on to preflight when all is well', async () => {
    const app = await openWizard();
    await toQuestions(app, { app: 'Vikunja' });
    await app.press(KEYS.enter);
    await app.sees('▸ Public URL');
    await app.press(KEYS.enter);
    await app.sees('✗ needs a value: an http:// or https:// URL');
    await app.press('https://tasks.example.org/');
    await waitFor(() => expect(app.frame()).not.toContain('needs a value'));
    expect(rowOf(app.frame(), 'Database')).toContain('SQLite');
    for (let i = 0; i < 8 && !app.frame().includes('Step 5/7'); i++) await app.press(KEYS.enter);
    await app.sees('Step 5/7');
    expect(app.requests.at(-1)).toMatchObject({ app: 'vikunja', sets: ['public_url=https://tasks.example.org/'] });
    app.unmount();
  });

  it('tests an existing database server from the host before going on, and shows why it failed', async () => {
    let ok = false;
    const app = await openWizard({
      database: () => (ok ? { ok: true, message: 'logged in to 10.0.0.4:5432 as lab from docker' } : { ok: false, message: 'docker reached 10.0.0.4:5432 but could not log in: password authentication failed', hint: 'check the user' }),
    });
    await toQuestions(app, { app: 'Vikunja' });
    const state = () => app.store.getState();
    state().editField('public_url', 'https://tasks.example.org/');
    state().editField('db_type', 'postgres');
    state().editField('db_mode', 'existing');
    state().editField('db_host', '10.0.0.4');
    state().editField('db_password', 'wrong');
    await app.sees(/Database password\s+•••••/);
    await app.sees('Use an existing server');
    state().moveFocus(-1);
    await app.sees('▸ [ Continue to preflight ]');
    await app.press(KEYS.enter);
    await app.sees('✗ docker reached 10.0.0.4:5432 but could not log in: password authentication failed');
    expect(app.frame()).toContain('Step 4/7');
    ok = true;
    await app.press(KEYS.enter);
    await app.sees('Step 5/7');
    await app.sees('✓ logged in to 10.0.0.4:5432 as lab from docker');
    app.unmount();
  });

  it('warns when a public name does not resolve to the host, and repeats it in preflight', async () => {
    const app = await openWizard({ publicName: (name) => `${name} does not resolve yet: add a DNS record pointing at docker (10.0.0.2)` });
    await toQuestions(app, { app: 'Vikunja' });
    await app.press(KEYS.enter, 'https://tasks.example.org/', KEYS.enter);
    await app.sees('⚠ tasks.example.org does not resolve yet: add a DNS record pointing at docker (10.0.0.2)');
    // A warning does not block: Enter walks on to Continue and preflight.
    for (let i = 0; i < 8 && !app.frame().includes('Step 5/7'); i++) await app.press(KEYS.enter);
    await app.sees('Step 5/7');
    await app.sees('⚠ tasks.example.org does not resolve yet');
    app.unmount();
  });

  it('shows the host’s free capacity beside the resource fields of an LXC install', async () => {
    const app = await openWizard();
    await toQuestions(app, { host: 'pve', provider: 'Proxmox LXC container' });
    expect(app.frame()).toContain('Resources');
    expect(rowOf(app.frame(), 'CPU cores')).toContain('the host has 4 cores');
    expect(rowOf(app.frame(), 'Memory')).toContain('3.0 GiB free of 8.0 GiB');
    expect(rowOf(app.frame(), 'Root disk size')).toContain('40.0 GiB free on /');
    app.unmount();
  });
});
