import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SshInteraction } from '../services/ssh/interaction.js';
import type { WizardBackend } from '../services/wizard/wizard-backend.js';
import type { AppDeps } from '../store/app-store.js';
import type { CliContext } from './context.js';

/**
 * The app's services, each loaded when first needed: the first frame draws before YAML, zod, the
 * catalog or SSH are loaded. `close()` ends what was opened (the wizard's SSH connections).
 */
export function createAppDeps(ctx: CliContext): AppDeps & { close(): Promise<void> } {
  const closers: (() => Promise<void>)[] = [];
  return {
    loadHosts: async () => {
      const { allHosts, loadInventory } = await import('../services/inventory.js');
      return allHosts(await loadInventory(ctx.paths.hostsFile)).map((h) => ({
        name: h.name,
        kind: h.kind,
        address: h.kind === 'ssh' ? h.address : '',
      }));
    },
    loadDeployments: async () => [],
    // A first run: no inventory file and no deployment seen on this machine yet.
    isFirstRun: async () => !existsSync(ctx.paths.hostsFile) && cachedDeploymentFiles(ctx.paths.cacheDir).length === 0,
    loadWizard: async (ui) => {
      const backend = await loadWizardBackend(ctx, ui);
      closers.push(backend.close);
      return backend.backend;
    },
    now: () => Date.now(),
    close: async () => {
      await Promise.all(closers.splice(0).map((close) => close()));
    },
  };
}

function cachedDeploymentFiles(cacheDir: string): string[] {
  try {
    return readdirSync(join(cacheDir, 'deployments')).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

/** The wizard's services over one SSH pool that asks the UI about new host keys. */
async function loadWizardBackend(ctx: CliContext, ui: SshInteraction): Promise<{ backend: WizardBackend; close(): Promise<void> }> {
  const [{ loadCatalog }, { findRecipeDir }, { loadInventory }, { loadSettings }, { createSshPool }, { recordingInteraction }, { createWizardBackend }, { systemClock }, { hostAddress }, { UserError }, dns] =
    await Promise.all([
      import('../services/catalog/catalog.js'),
      import('../services/catalog/recipe-dir.js'),
      import('../services/inventory.js'),
      import('../services/config/settings.js'),
      import('../services/ssh/ssh-pool.js'),
      import('../services/ssh/interaction.js'),
      import('../services/wizard/create-backend.js'),
      import('../services/clock.js'),
      import('./host-address.js'),
      import('../services/errors.js'),
      import('node:dns/promises'),
    ]);
  const [catalog, inventory, settings] = await Promise.all([
    loadCatalog(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir()),
    loadInventory(ctx.paths.hostsFile),
    loadSettings(ctx.paths.settingsFile),
  ]);
  const { interaction, accepted } = recordingInteraction(ui);
  const pool = await createSshPool({
    appKnownHostsFile: ctx.paths.knownHostsFile,
    interaction,
    settings,
    hosts: inventory.hosts,
    ...(ctx.sshConfigFile ? { sshConfigFile: ctx.sshConfigFile } : {}),
    logger: ctx.logger,
  });
  const addressOf = await hostAddress(ctx);
  const backend = createWizardBackend({
    catalog,
    includeTestApps: process.env.HOMELAB_TUI_TEST_APPS === '1',
    inventory,
    hostsFile: ctx.paths.hostsFile,
    answersDir: ctx.paths.answersDir,
    cacheDir: ctx.paths.cacheDir,
    runnerFor: (host) => pool.runnerFor(host),
    addressOf,
    accepted,
    probeTimeoutMs: settings.commandTimeoutSeconds * 1000,
    clock: systemClock,
    resolve: async (name) => (await dns.lookup(name, { all: true, family: 4 })).map((a) => a.address),
    implemented: [],
    nameAnswers: () => ({}),
    prepare: async () => {
      throw new UserError('this build has no install pipeline yet');
    },
  });
  return { backend, close: () => pool.close() };
}
