import type { ProviderRegistry } from '../providers/registry.js';
import type { Clock } from '../platform/clock.js';
import type { Settings } from '../platform/config/settings.js';
import { thisHolder } from '../platform/operation/holder.js';
import type { HostAccess } from '../services/lifecycle/host-access.js';
import { createLifecycle, type Lifecycle } from '../services/lifecycle/lifecycle.js';
import type { CliContext } from './context.js';
import { VERSION } from './version.js';
import { findRecipe, loadCatalog } from '../services/catalog/catalog.js';
import { findRecipeDir } from '../services/catalog/recipe-dir.js';

/** Deployments of one host whose status is read at once: the same for `status` and the dashboard. */
export const DEPLOYMENT_READS_PER_HOST = 4;

/** The one lifecycle of the CLI commands and the app, built the same way for both. */
export function cliLifecycle(ctx: CliContext, settings: Settings, hosts: HostAccess, registry: ProviderRegistry, clock: Clock): Lifecycle {
  return createLifecycle({
    hosts,
    registry,
    clock,
    cacheDir: ctx.paths.cacheDir,
    operationsDir: ctx.paths.operationsDir,
    holder: thisHolder(VERSION),
    concurrency: DEPLOYMENT_READS_PER_HOST,
    reconnectWindowMs: settings.undoReconnectSeconds * 1000,
    thresholds: settings.thresholds,
    recipe: async (app) => findRecipe(await loadCatalog(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir()), app),
  });
}
