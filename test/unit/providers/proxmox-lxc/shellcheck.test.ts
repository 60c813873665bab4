// Every shell script the provider runs in a guest, as it runs it, passes Debian's shellcheck (POSIX sh):
// each seed app's install steps (with the prelude that loads secrets), the boot service's init
// script, and the provider's own scripts.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BOOT_SERVICE_SCRIPT, LOGS_SCRIPT, READY_SCRIPT, RESTART_SCRIPT, stepScript } from '../../../../src/providers/proxmox-lxc/guest-scripts.js';
import { MOUNT_PROBE_SCRIPT } from '../../../../src/providers/proxmox-lxc/mount-checks.js';
import { shippedCatalog, shippedLxcInputs } from '../../../support/catalog.js';

/** shellcheck's findings for a script (empty when clean); `-s sh` since guests may only have busybox sh. */
function shellcheck(script: string): string {
  try {
    execFileSync('shellcheck', ['-s', 'sh', '-f', 'gcc', '-'], { input: script, encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

const catalog = await shippedCatalog();
const lxcApps = catalog.recipes.filter((r) => r['proxmox-lxc']).map((r) => r.id);

// Answers that switch on every step a recipe has (Vikunja's embedded databases carry secrets in env).
const VARIANTS: Record<string, string[][]> = {
  vikunja: [
    ['public_url=https://tasks.example.org/'],
    ['public_url=https://tasks.example.org/', 'db_type=postgres'],
    ['public_url=https://tasks.example.org/', 'db_type=mysql'],
  ],
};
const cases = lxcApps.flatMap((id) => (VARIANTS[id] ?? [[]]).map((sets) => [id, sets] as const));

describe('shellcheck', () => {
  it('the check itself finds a real problem', () => {
    expect(shellcheck('rm -rf $1/*\n')).toContain('SC2086');
  });

  it('every seed app has an LXC recipe to check', () => {
    expect(lxcApps).toEqual(expect.arrayContaining(['jellyfin', 'qbittorrent', 'labapp', 'vikunja']));
  });

  it.each(cases)('%s %j: install steps as run (sh -e, secrets prelude) and the init script', async (id, sets) => {
    const inputs = await shippedLxcInputs(id, ...sets);
    const scripts = inputs.steps.map((step) => ({ name: step.name, text: `#!/bin/sh\n${stepScript(step)}` }));
    if (inputs.service.kind === 'generated') scripts.push({ name: 'init script', text: inputs.service.initScript });
    for (const script of scripts) expect(shellcheck(script.text), `${id}: ${script.name}`).toBe('');
  });

  it('the secrets prelude is among the scripts checked', async () => {
    const inputs = await shippedLxcInputs('vikunja', 'public_url=https://tasks.example.org/', 'db_type=postgres');
    const withSecrets = inputs.steps.filter((s) => s.secretEnv.length > 0);
    expect(withSecrets.map((s) => s.name)).toEqual(['Install PostgreSQL for Vikunja']);
    expect(stepScript(withSecrets[0]!)).toContain('. "$HOMELAB_TUI_SECRETS"');
  });

  it.each([
    ['ready', READY_SCRIPT],
    ['boot service', BOOT_SERVICE_SCRIPT],
    ['logs', LOGS_SCRIPT],
    ['restart', RESTART_SCRIPT],
    ['mount probe', MOUNT_PROBE_SCRIPT],
  ])('the provider\'s %s script', (_name, script) => {
    expect(shellcheck(`#!/bin/sh\n${script}`)).toBe('');
  });
});
