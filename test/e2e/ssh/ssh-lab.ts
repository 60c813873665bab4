// Shared helpers for the SSH end-to-end tests: pools and inventory hosts built from the lab manifest,
// and the sshd log that proves when a host accepted a login.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { KnownHost } from '../../../src/platform/config/inventory.js';
import { cliInteraction, type SshInteraction } from '../../../src/platform/ssh/interaction.js';
import { createSshPool, type SshPool, type SshPoolOptions } from '../../../src/platform/ssh/ssh-pool.js';
import { labHost, loadLab, type LabHost } from '../../support/lab.js';

export const lab = loadLab();

/** An inventory host that reaches a lab host through its alias in the lab's ssh config. */
export function viaAlias(name: string): KnownHost {
  return { kind: 'ssh', name: labHost(name).alias, address: labHost(name).alias, tags: [] };
}

/** An inventory host by bare address, so the lab's ssh config (and its known_hosts) does not apply. */
export function byAddress(name: string, extra: Partial<Extract<KnownHost, { kind: 'ssh' }>> = {}): Extract<KnownHost, { kind: 'ssh' }> {
  const host = labHost(name);
  return { kind: 'ssh', name: host.name, address: host.address, user: 'root', tags: [], ...extra };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory (config dir, home, known_hosts), removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hl-ssh-e2e-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/**
 * A pool on the lab's ssh config with an empty home (no default keys), no agent and a CLI interaction
 * that refuses new host keys, unless the test says otherwise.
 */
export async function labPool(options: Partial<SshPoolOptions> & { interaction?: SshInteraction } = {}): Promise<SshPool> {
  const dir = tempDir('pool');
  return createSshPool({
    appKnownHostsFile: join(dir, 'known_hosts'),
    sshConfigFile: lab.ssh.config,
    userKnownHostsFiles: [join(dir, 'user_known_hosts')],
    interaction: cliInteraction({ acceptNewHostKey: false }),
    agentSocket: null,
    home: dir,
    ...options,
  });
}

/** The sshd log of a lab host (sshd -e writes every accepted login there). */
export function sshdLogOf(host: LabHost): string {
  return join(dirname(lab.ssh.config), '..', 'hosts', host.name, 'sshd.log');
}

/** How many logins the host's sshd has accepted so far. */
export function acceptedLogins(name: string): number {
  return readFileSync(sshdLogOf(labHost(name)), 'utf8').split('\n').filter((l) => l.startsWith('Accepted publickey')).length;
}
