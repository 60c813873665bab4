import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { createProviderRegistry } from '../providers/registry.js';
import { loadSavedAnswers } from '../services/answers/saved-answers.js';
import { findRecipe, loadCatalog } from '../services/catalog/catalog.js';
import { findRecipeDir } from '../services/catalog/recipe-dir.js';
import { systemClock } from '../platform/clock.js';
import { loadSettings } from '../platform/config/settings.js';
import { loadInventory } from '../platform/config/inventory.js';
import type { SshInteraction } from '../platform/ssh/interaction.js';
import { createWizardBackend } from '../services/wizard/create-backend.js';
import { thisHolder } from '../platform/operation/holder.js';
import { VERSION } from './version.js';
import { prepareWizardInstall } from '../services/wizard/pipeline.js';
import { prepareWizardReconfigure } from '../services/reconfigure/wizard-reconfigure.js';
import { createLifecycle } from '../services/lifecycle/lifecycle.js';
import { fixedQuestions } from '../services/reconfigure/fixed-questions.js';
import type { WizardBackend } from '../services/wizard/wizard-backend.js';
import { appHostAccess } from './app-host-access.js';
import type { AppSsh } from './app-ssh.js';
import type { CliContext } from './context.js';
import { hostAddress } from './host-address.js';

/** The wizard's services over the app's SSH pool; `ui` (the store's) answers its questions about new host keys. */
export async function loadWizardBackend(ctx: CliContext, ui: SshInteraction, ssh: AppSsh): Promise<WizardBackend> {
  const [catalog, inventory, settings] = await Promise.all([
    loadCatalog(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir()),
    loadInventory(ctx.paths.hostsFile),
    loadSettings(ctx.paths.settingsFile),
  ]);
  ssh.answerWith(ui);
  const accepted = ssh.accepted;
  const pool = await ssh.pool();
  const addressOf = await hostAddress(ctx, settings);
  const registry = createProviderRegistry(settings);
  const resolve = async (name: string) => (await lookup(name, { all: true, family: 4 })).map((a) => a.address);
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
    resolve,
    providers: registry,
    nameAnswers: (provider, name) => (registry.ids.includes(provider) ? (registry.entry(provider).nameAnswers?.(name) ?? {}) : {}),
    prepare: async (request, current, facts) =>
      prepareWizardInstall(
        request,
        {
          catalog,
          registry,
          hosts: appHostAccess(pool, current, addressOf, facts),
          clock: systemClock,
          cacheDir: ctx.paths.cacheDir,
          operationsDir: ctx.paths.operationsDir,
          holder: thisHolder(VERSION),
          reconnectWindowMs: settings.undoReconnectSeconds * 1000,
          installsDir: join(ctx.paths.configDir, 'installs'),
          globalArgs: ctx.globalArgs,
        },
        await loadSavedAnswers(ctx.paths.answersDir, findRecipe(catalog, request.app)),
      ),
    fixedInEdit: (app, provider) => fixedQuestions(findRecipe(catalog, app), provider, registry.entry(provider).provider),
    reconfigure: async (request, current, facts) => {
      const lifecycle = createLifecycle({
        hosts: appHostAccess(pool, current, addressOf, facts),
        registry,
        clock: systemClock,
        cacheDir: ctx.paths.cacheDir,
        operationsDir: ctx.paths.operationsDir,
        holder: thisHolder(VERSION),
        concurrency: 4,
        reconnectWindowMs: settings.undoReconnectSeconds * 1000,
      });
      return prepareWizardReconfigure(request, lifecycle, { catalog, registry, clock: systemClock, resolve }, ctx.globalArgs);
    },
  });
  return backend;
}
