import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.js';
import { recipeSource, type RecipeSource } from '../services/catalog/recipe-source.js';
import type { Catalog } from '../services/catalog/catalog.js';
import { findRecipeDir } from '../services/catalog/recipe-dir.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { loadSettings, type Settings } from '../platform/config/settings.js';
import type { HostAccess } from '../services/lifecycle/host-access.js';
import { loadInventory } from '../platform/config/inventory.js';
import { cliHostAccess } from './cli-host-access.js';
import type { CliContext } from './context.js';
import { cliLifecycle } from './lifecycle-deps.js';
import type { Lifecycle } from '../services/lifecycle/lifecycle.js';
import type { Holder } from '../platform/operation/holder.js';
import { UserError } from '../platform/errors.js';
import { mapWithConcurrency } from '../platform/concurrency.js';
import type { HostReading } from '../services/fleet/fleet-reading.js';

/** What the deployment commands share: settings, the catalog, providers and host access. Close it. */
export interface Session {
  settings: Settings;
  /** The catalog, read as needed: one recipe, or all. */
  recipes: RecipeSource;
  registry: ProviderRegistry;
  hosts: HostAccess;
  clock: Clock;
  cacheDir: string;
  operationsDir: string;
  /** The deployment lifecycle every command goes through (also the install's apply deps). */
  lifecycle: Lifecycle;
  holder: Holder;
  reconnectWindowMs: number;
  close(): Promise<void>;
}

/**
 * The composition root of install, plan, status, logs, restart and uninstall.
 * HOMELAB_TUI_CATALOG_DIR replaces the shipped recipes (for recipe authors trying theirs).
 */
export async function openSession(ctx: CliContext): Promise<Session> {
  const settings = await loadSettings(ctx.paths.settingsFile);
  const inventory = await loadInventory(ctx.paths.hostsFile);
  const recipes = recipeSource(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir());
  const hosts = await cliHostAccess(ctx, inventory, settings);
  const registry = createProviderRegistry(settings);
  const lifecycle = cliLifecycle(ctx, settings, hosts, registry, systemClock, recipes);
  return {
    settings,
    recipes,
    registry,
    hosts,
    clock: systemClock,
    lifecycle,
    holder: lifecycle.deps.holder,
    reconnectWindowMs: settings.undoReconnectSeconds * 1000,
    cacheDir: ctx.paths.cacheDir,
    operationsDir: ctx.paths.operationsDir,
    close: () => hosts.close(),
  };
}

/** The session with the whole catalog read: install and reconfigure look their recipe up in it. */
export async function withCatalog(session: Session): Promise<Session & { catalog: Catalog }> {
  return { ...session, catalog: await session.recipes.catalog() };
}

/** Reads the deployments on `host` (a --host value), or on every host of the inventory; an unknown name is a typo (exit 2). */
export async function readHosts(session: Session, host: unknown): Promise<HostReading[]> {
  const names = typeof host === 'string' ? [host] : session.hosts.names();
  const unknown = names.find((n) => !session.hosts.names().includes(n));
  if (unknown !== undefined) throw new UserError(`no host named "${unknown}"`, `known hosts: ${session.hosts.names().join(', ')}`);
  return mapWithConcurrency(names, session.settings.concurrency, (name) => session.lifecycle.readHost(name));
}
