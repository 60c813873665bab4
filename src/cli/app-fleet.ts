import { createProviderRegistry } from '../providers/registry.js';
import { systemClock } from '../platform/clock.js';
import { loadSettings } from '../platform/config/settings.js';
import { createFleetDeps, type FleetDeps } from '../services/fleet/fleet-deps.js';
import { lifecycleFleetSource } from '../services/lifecycle/fleet-source.js';
import { loadInventory } from '../platform/config/inventory.js';
import type { SshPool } from '../platform/ssh/ssh-pool.js';
import { cliHostAccess } from './cli-host-access.js';
import type { CliContext } from './context.js';
import { cliLifecycle } from './lifecycle-deps.js';
import { ownedData } from '../platform/deployments/data-ownership.js';
import { join } from 'node:path';
import { backupDesk } from '../services/backup/backup-desk.js';
import { sweepPlainCopies } from '../services/backup/archive-crypto.js';
import { VERSION } from './version.js';

/**
 * The fleet deps of the full-screen app (its composition root's half that needs SSH and the
 * providers), and how to release them when it quits. The dashboard goes through the same lifecycle
 * as the CLI commands.
 */
export async function openAppFleet(ctx: CliContext, copyText: (text: string) => boolean, pool: SshPool): Promise<FleetDeps & { close(): Promise<void> }> {
  const settings = await loadSettings(ctx.paths.settingsFile);
  const inventory = await loadInventory(ctx.paths.hostsFile);
  // The app's shared pool: a new host key met while polling is asked about by the store's dialog
  // (src/store/host-keys-slice.ts); refused, the host shows why and is not asked about again.
  const hosts = await cliHostAccess(ctx, inventory, settings, pool);
  const clock = systemClock;
  const lifecycle = cliLifecycle(ctx, settings, hosts, createProviderRegistry(settings), clock);
  // The same archives, settings and plans as `homelab-tui backup` / `restore` (src/cli/commands/backup-actions.ts).
  const backups = lifecycle.deps.recipe
    ? backupDesk({ write: { clock, toolVersion: VERSION, backupsDir: join(ctx.paths.stateDir, 'backups') }, ...(settings.backupKeep !== undefined ? { keep: settings.backupKeep } : {}), recipe: lifecycle.deps.recipe })
    : undefined;
  // A decrypted copy an earlier app left (killed while a restore question was open) goes now.
  if (backups) void sweepPlainCopies(backups.dir);
  const source = lifecycleFleetSource(lifecycle, { dataPaths: (reading) => ownedData(reading.record).map((e) => e.path), ...(backups ? { backups } : {}) });
  const deps = createFleetDeps({
    source,
    connections: hosts.connections,
    clock,
    timing: { intervalMs: settings.refreshSeconds * 1000, concurrency: settings.concurrency, backoff: { baseMs: 2_000, capMs: 30_000 } },
    copyText,
  });
  return { ...deps, close: () => hosts.close() };
}
