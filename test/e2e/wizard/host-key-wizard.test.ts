// Adding a host inline whose key this machine has never seen (tmux, keystrokes only): the wizard shows
// the key's SHA256 fingerprint, which matches the lab host's own, and connects only once it is
// trusted; a host with nothing to run apps offers every provider greyed with the reason.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labHost } from '../../support/lab.js';
import { choose, expectFits, fingerprintOf, openAddHost, press, sshConfigWithoutKnownHosts, startWizard } from './wizard-lab.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-wizard-keys-'));
let app: Awaited<ReturnType<typeof startWizard>> | undefined;
afterAll(async () => {
  await app?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('a new host key in the wizard (lab bare host)', () => {
  it('shows the SHA256 fingerprint, trusts it on Enter, records it, and the host is checked', async () => {
    app = await startWizard({ sshConfig: sshConfigWithoutKnownHosts(dir) });
    const s = app.session;
    await s.waitFor('Which app do you want to install?');
    await choose(s, 'Lab app');
    await press(s, ['Enter'], 'Step 2/7');
    await openAddHost(s);
    await s.type('bare');
    await s.waitFor(/▸ Name\s+bare/);
    await press(s, ['Enter'], /▸ Address/);
    await s.type(labHost('bare').alias);
    await s.waitFor(new RegExp(`▸ Address\\s+${labHost('bare').alias}`));
    await press(s, ['Enter'], /▸ User/);
    await press(s, ['Enter'], /▸ Port/);
    const prompt = await press(s, ['Enter'], 'New host key: bare', 30_000);
    expectFits(prompt);
    expect(prompt).toContain(`ssh-ed25519 ${fingerprintOf('bare')}`);
    expect(prompt).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    const checked = await press(s, ['Enter'], /bare\s+\S+\n\s+✓ /, 30_000);
    // The lab hides the machine's own container tools from its bare host: it has none.
    expect(checked).toMatch(/▸ bare\s+\S+\n\s+✓ no container tools/);
    expect(readFileSync(join(app.configDir, 'known_hosts'), 'utf8')).toContain(labHost('bare').hostKey.split(/\s+/)[1]);

    const providers = await press(s, ['Enter'], 'Step 3/7 · Choose how to run it');
    expectFits(providers);
    expect(providers).toMatch(/Kubernetes \(k3s\)\n\s+✗ /);
    expect(providers).toMatch(/\(compose\)\n\s+✗ no docker compose, docker-compose, podman compose/);
    expect(providers).toMatch(/\(proxmox-lxc\)\n\s+✗ (not a Proxmox VE node: no pct or pvesh on this host|not available in this version of homelab-tui)/);
  });
});
