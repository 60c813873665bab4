import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.js';
import { loadCatalog, type Catalog } from '../services/catalog/catalog.js';
import { findRecipeDir } from '../services/catalog/recipe-dir.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { loadSettings, type Settings } from '../platform/config/settings.js';
import type { HostAccess } from '../services/install/host-access.js';
import { loadInventory } from '../platform/config/inventory.js';
import { cliHostAccess } from './cli-host-access.js';
import type { CliContext } from './context.js';

/** What the deployment commands share: settings, the catalog, providers and host access. Close it. */
export interface Session {
  settings: Settings;
  catalog: Catalog;
  registry: ProviderRegistry;
  hosts: HostAccess;
  clock: Clock;
  cacheDir: string;
  operationsDir: string;
  close(): Promise<void>;
}

/**
 * The composition root of install, plan, status, logs, restart and uninstall.
 * HOMELAB_TUI_CATALOG_DIR replaces the shipped recipes (for recipe authors trying theirs).
 */
export async function openSession(ctx: CliContext): Promise<Session> {
  const settings = await loadSettings(ctx.paths.settingsFile);
  const inventory = await loadInventory(ctx.paths.hostsFile);
  const catalog = await loadCatalog(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir());
  const hosts = await cliHostAccess(ctx, inventory, settings);
  return {
    settings,
    catalog,
    registry: createProviderRegistry(settings),
    hosts,
    clock: systemClock,
    cacheDir: ctx.paths.cacheDir,
    operationsDir: ctx.paths.operationsDir,
    close: () => hosts.close(),
  };
}
