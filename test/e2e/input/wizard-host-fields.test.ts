// The wizard's "Add a host" form (tmux, keystrokes only) refuses an address that ssh would take as an
// option, naming the field and what is valid; nothing is written to hosts.yaml.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { choose, openAddHost, press, startWizard } from '../wizard/wizard-lab.js';

let app: Awaited<ReturnType<typeof startWizard>> | undefined;
afterAll(async () => {
  await app?.cleanup();
});

describe('the wizard adds only hosts whose fields are plain words', () => {
  it('an address starting with "-" is refused on the form', async () => {
    app = await startWizard();
    const s = app.session;
    await s.waitFor('Which app do you want to install?');
    await choose(s, 'Lab app');
    await press(s, ['Enter'], 'Step 2/7');
    await openAddHost(s);
    await s.type('nas');
    await s.waitFor(/▸ Name\s+nas/);
    await press(s, ['Enter'], /▸ Address/);
    await s.press('-');
    await s.type('oProxyCommand=touch /tmp/hi-input-pwned');
    await s.waitFor(/▸ Address\s+-oProxyCommand=/);
    await press(s, ['Enter'], /▸ User/);
    await press(s, ['Enter'], /▸ Port/);
    const refused = await press(s, ['Enter'], /not an IP address, DNS name or ssh/, 30_000);
    expect(refused).toContain('Add a host');
    expect(existsSync(join(app.configDir, 'hosts.yaml'))).toBe(false);
    expect(existsSync('/tmp/hi-input-pwned')).toBe(false);
  });
});
