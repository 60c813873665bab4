import type { ProviderRegistry } from '../providers/registry.js';
import type { Clock } from '../platform/clock.js';
import type { Settings } from '../platform/config/settings.js';
import { thisHolder } from '../platform/operation/holder.js';
import type { HostAccess } from '../services/lifecycle/host-access.js';
import { createLifecycle, type Lifecycle } from '../services/lifecycle/lifecycle.js';
import type { CliContext } from './context.js';
import { VERSION } from './version.js';
import { recipeSource, type RecipeSource } from '../services/catalog/recipe-source.js';
import { checkDatabaseLogin } from '../services/health/database-login.js';
import { readCertificate } from '../platform/health/certificate.js';
import { findRecipeDir } from '../services/catalog/recipe-dir.js';

/** Deployments of one host whose status is read at once: the same for `status` and the dashboard. */
export const DEPLOYMENT_READS_PER_HOST = 4;

/** The one lifecycle of the CLI commands and the app, built the same way for both. */
export function cliLifecycle(ctx: CliContext, settings: Settings, hosts: HostAccess, registry: ProviderRegistry, clock: Clock, recipes: RecipeSource = recipeSource(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir())): Lifecycle {
  // Each recipe read once per run: the dashboard asks for recipes on every refresh (the database login check).
  const recipe = (app: string) => recipes.recipe(app);
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
    recipe,
    // An app the catalog no longer has is not checked (its status says the rest).
    databaseLogin: async (deployment) => {
      const known = await recipe(deployment.record.app).catch(() => undefined);
      return known ? checkDatabaseLogin(deployment, known, { clock }) : undefined;
    },
    certificate: (url, fallbackAddress) => readCertificate(url, { now: clock.now(), timeoutMs: 5000, ...(fallbackAddress ? { fallbackAddress } : {}) }),
  });
}
