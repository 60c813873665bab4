import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SshInteraction } from '../services/ssh/interaction.js';
import type { WizardBackend } from '../services/wizard/wizard-backend.js';
import type { AppDeps } from '../store/app-store.js';
import type { CliContext } from './context.js';

/**
 * The app's services, each loaded when first needed: the first frame draws before YAML, zod, the
 * catalog or SSH are loaded. `close()` ends what was opened (the wizard's SSH connections).
 */
export function createAppDeps(ctx: CliContext): Omit<AppDeps, 'fleet'> & { close(): Promise<void> } {
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
    // A first run: no inventory file and no deployment seen on this machine yet.
    isFirstRun: async () => {
      if (existsSync(ctx.paths.hostsFile)) return false;
      const { cachedDeployments } = await import('../services/install/deployment-cache.js');
      return (await cachedDeployments(ctx.paths.cacheDir)).length === 0;
    },
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

/** The wizard's services over one SSH pool that asks the UI about new host keys. */
async function loadWizardBackend(ctx: CliContext, ui: SshInteraction): Promise<{ backend: WizardBackend; close(): Promise<void> }> {
  const [{ loadCatalog }, { findRecipeDir }, { loadInventory }, { loadSettings }, { createSshPool }, { recordingInteraction }, { createWizardBackend }, { prepareWizardInstall }, { loadSavedAnswers }, { findRecipe }, { createProviderRegistry }, { appHostAccess }, { systemClock }, { hostAddress }, dns] =
    await Promise.all([
      import('../services/catalog/catalog.js'),
      import('../services/catalog/recipe-dir.js'),
      import('../services/inventory.js'),
      import('../services/config/settings.js'),
      import('../services/ssh/ssh-pool.js'),
      import('../services/ssh/interaction.js'),
      import('../services/wizard/create-backend.js'),
      import('../services/wizard/pipeline.js'),
      import('../services/answers/saved-answers.js'),
      import('../services/catalog/catalog.js'),
      import('../providers/registry.js'),
      import('./app-host-access.js'),
      import('../services/clock.js'),
      import('./host-address.js'),
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
  const registry = createProviderRegistry(settings);
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
    implemented: registry.ids,
    nameAnswers: (provider, name) => (registry.ids.includes(provider) ? (registry.entry(provider).nameAnswers?.(name) ?? {}) : {}),
    prepare: async (request, current) =>
      prepareWizardInstall(
        request,
        {
          catalog,
          registry,
          hosts: appHostAccess(pool, current, addressOf),
          clock: systemClock,
          cacheDir: ctx.paths.cacheDir,
          operationsDir: ctx.paths.operationsDir,
          installsDir: join(ctx.paths.configDir, 'installs'),
        },
        await loadSavedAnswers(ctx.paths.answersDir, findRecipe(catalog, request.app)),
      ),
  });
  return { backend, close: () => pool.close() };
}
