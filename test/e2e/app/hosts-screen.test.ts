// The hosts screen in a real terminal (tmux, 80×24) on the lab, driven only by keys: a host added from
// the form, its new key shown with the fingerprint and accepted (written to known_hosts), checked,
// and removed; and the dashboard asking about a new key itself when its polling meets one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { labHost } from '../../support/lab.js';
import { expectFits, fingerprintOf, openAddHost, press, sshConfigWithoutKnownHosts, startWizard } from '../wizard/wizard-lab.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-hosts-screen-'));
let app: Awaited<ReturnType<typeof startWizard>> | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hosts screen (lab)', () => {
  it('adds bare by keys, accepts its new key, checks it, and removes it', async () => {
    // No host in the inventory (not a first run: the dashboard opens) and no known_hosts: every key is new.
    app = await startWizard({ hosts: [], sshConfig: sshConfigWithoutKnownHosts(dir) });
    const s = app.session;
    await s.waitFor('Nothing is deployed yet');
    await press(s, ['H'], /▸ local\s+\(this machine\)/);
    await openAddHost(s);
    await s.type('bare');
    await press(s, ['Tab'], /▸ Address/);
    await s.type(labHost('bare').alias);
    await press(s, ['Enter'], /▸ User/);
    await press(s, ['Enter'], /▸ Port/);
    const prompt = await press(s, ['Enter'], 'New host key: bare', 30_000);
    expectFits(prompt);
    expect(prompt).toContain(`ssh-ed25519 ${fingerprintOf('bare')}`);
    const checked = await press(s, ['Enter'], /✓ new host key accepted · /, 30_000);
    expectFits(checked);
    expect(checked).toMatch(new RegExp(`▸ bare\\s+${labHost('bare').alias}\\s+● connected`));
    expect(readFileSync(join(app.configDir, 'known_hosts'), 'utf8')).toContain(labHost('bare').hostKey.split(/\s+/)[1]);
    expect(readFileSync(join(app.configDir, 'hosts.yaml'), 'utf8')).toMatch(new RegExp(`name: bare\\n\\s+address: ${labHost('bare').alias}`));

    // Checked again by key: the key is in known_hosts now, so nothing is asked.
    // The check can end between two looks at the screen, so its result is waited for, not "… checking":
    // a ✓ line without "new host key accepted" is only the second check's.
    await s.press('c');
    const again = await s.waitFor(/▸ bare[^\n]*\n\s+✓ (?!new host key)/, 30_000);
    expect(again).not.toContain('New host key');

    const question = await press(s, ['X'], 'Remove bare from the inventory? [y/N]');
    expect(question).toContain('no deployment is recorded on it');
    const removed = await press(s, ['y'], 'removed bare from the inventory');
    expect(removed).not.toMatch(/▸ bare/);
    expect(readFileSync(join(app.configDir, 'hosts.yaml'), 'utf8')).not.toContain('bare');
    await press(s, ['Escape'], 'Nothing is deployed yet');

    // The same screen from the dashboard's command line: `:hosts`, as typed.
    await s.type(':');
    await s.waitFor(/enter run\s+esc close/);
    await s.type('hosts');
    await s.waitFor(/:hosts/);
    await press(s, ['Enter'], /▸ local\s+\(this machine\)/);
    await press(s, ['Escape'], 'Nothing is deployed yet');
  });

  it('the dashboard asks about a new key itself when polling meets one, and connects on yes', async () => {
    app = await startWizard({ hosts: ['bare'], sshConfig: sshConfigWithoutKnownHosts(dir) });
    const s = app.session;
    const prompt = await s.waitFor('New host key: bare', 30_000);
    expectFits(prompt);
    expect(prompt).toContain(`ssh-ed25519 ${fingerprintOf('bare')}`);
    await press(s, ['Enter'], /bare[^\n]*● connected/, 30_000);
    expect(readFileSync(join(app.configDir, 'known_hosts'), 'utf8')).toContain(labHost('bare').hostKey.split(/\s+/)[1]);
  });
});
