import type { Provider } from '../providers/provider.js';
import { createProviderRegistry } from '../providers/registry.js';
import { systemClock } from '../platform/clock.js';
import { loadSettings } from '../platform/config/settings.js';
import { createFleetDeps, type FleetDeps } from '../services/fleet/fleet-deps.js';
import type { ActionOutcome } from '../services/fleet/fleet-reading.js';
import { providerFleetSource } from '../services/fleet/provider-fleet-source.js';
import { applyPlan, type ApplyResult } from '../services/install/apply-plan.js';
import { listHostDeployments } from '../services/install/find-deployments.js';
import { loadInventory } from '../platform/config/inventory.js';
import type { SshPool } from '../platform/ssh/ssh-pool.js';
import { cliHostAccess } from './cli-host-access.js';
import type { CliContext } from './context.js';

function outcomeOf(result: ApplyResult, what: string, host: string): ActionOutcome {
  if (result.status === 'succeeded') return { ok: true, message: `restarted ${what} on ${host}; it is healthy` };
  const failure = result.failure;
  return {
    ok: false,
    message: `restart of ${what} on ${host} ${result.status}${failure ? `: ${failure.message}` : ''}`,
    ...(failure?.hint ? { hint: failure.hint } : result.logPath ? { hint: `operation log: ${result.logPath}` } : {}),
    ...(result.logPath ? { logPath: result.logPath } : {}),
  };
}

/**
 * The fleet deps of the full-screen app (its composition root's half that needs SSH and the
 * providers), and how to release them when it quits.
 */
export async function openAppFleet(ctx: CliContext, copyText: (text: string) => boolean, pool: SshPool): Promise<FleetDeps & { close(): Promise<void> }> {
  const settings = await loadSettings(ctx.paths.settingsFile);
  const inventory = await loadInventory(ctx.paths.hostsFile);
  // The app's shared pool: outside the wizard a new host key is refused, and the dashboard shows the
  // hint to accept it (in the wizard's host step, or with `hosts check --accept-new-host-key`).
  const hosts = await cliHostAccess(ctx, inventory, settings, pool);
  const registry = createProviderRegistry(settings);
  const clock = systemClock;
  const source = providerFleetSource({
    open: (name) => hosts.open(name),
    // A provider's Inputs type only matters for installing; the dashboard reads, restarts and follows logs.
    provider: (id) => registry.entry(id).provider,
    records: async (name) => {
      const [listed] = await listHostDeployments(hosts, [name], ctx.paths.cacheDir, clock);
      return listed ?? { records: [], broken: [] };
    },
    applyRestart: async (host, plan, options) =>
      outcomeOf(await applyPlan(plan, host, clock, { operationsDir: ctx.paths.operationsDir, signal: options.signal, ...(options.onEvent ? { onEvent: options.onEvent } : {}) }), options.what, host.name),
    dataPaths: (record) => record.dataPaths ?? [],
    clock,
  });
  const deps = createFleetDeps({
    source,
    connections: hosts.connections,
    clock,
    timing: { intervalMs: settings.refreshSeconds * 1000, concurrency: settings.concurrency, backoff: { baseMs: 2_000, capMs: 30_000 } },
    copyText,
  });
  return { ...deps, close: () => hosts.close() };
}
