import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../services/clock.js';
import { loadSettings } from '../services/config/settings.js';
import { listRecords } from '../services/deployments/record-store.js';
import { CommandError, UserError } from '../services/errors.js';
import { createFleetDeps, type FleetDeps } from '../services/fleet/fleet-deps.js';
import { providerFleetSource } from '../services/fleet/provider-fleet-source.js';
import { findHost, loadInventory } from '../services/inventory.js';
import { cliInteraction } from '../services/ssh/interaction.js';
import { createSshPool } from '../services/ssh/ssh-pool.js';
import { parseSshConfig, resolveTarget } from '../services/ssh/ssh-target.js';
import type { CliContext } from './context.js';

/** The fleet deps of the full-screen app, and how to release them when it quits. */
export async function openAppFleet(ctx: CliContext, copyText: (text: string) => boolean): Promise<FleetDeps & { close(): Promise<void> }> {
  const settings = await loadSettings(ctx.paths.settingsFile);
  const inventory = await loadInventory(ctx.paths.hostsFile);
  // The app cannot ask about a new host key yet: such hosts show the hint to accept it with `hosts check`.
  const pool = await createSshPool({ appKnownHostsFile: ctx.paths.knownHostsFile, interaction: cliInteraction({ acceptNewHostKey: false }), settings, hosts: inventory.hosts, ...(ctx.sshConfigFile ? { sshConfigFile: ctx.sshConfigFile } : {}), logger: ctx.logger });
  const configText = await readFile(ctx.sshConfigFile ?? join(homedir(), '.ssh', 'config'), 'utf8').catch(() => '');
  const resolveContext = { config: parseSshConfig(configText), home: homedir(), localUser: userInfo().username, inventoryHost: (name: string) => inventory.hosts.find((h) => h.name === name) };
  const open = async (name: string) => {
    const host = findHost(inventory, name);
    return { name, address: host.kind === 'local' ? '127.0.0.1' : resolveTarget(host, resolveContext).hostName, runner: pool.runnerFor(host) };
  };
  const source = providerFleetSource({
    open,
    provider: (id) => {
      throw new UserError(`the ${id} provider is not available in this build of homelab-tui`);
    },
    records: async (name) => {
      try {
        return await listRecords((await open(name)).runner);
      } catch (error) {
        if (!(error instanceof UserError || error instanceof CommandError)) throw error;
        return { records: [], broken: [], error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
      }
    },
    applyRestart: async () => {
      throw new UserError('restart is not available in this build of homelab-tui');
    },
    clock: systemClock,
  });
  const deps = createFleetDeps({
    source,
    connections: pool,
    clock: systemClock,
    timing: { intervalMs: settings.refreshSeconds * 1000, concurrency: settings.concurrency, backoff: { baseMs: 2_000, capMs: 30_000 } },
    copyText,
  });
  return { ...deps, close: () => pool.close() };
}
