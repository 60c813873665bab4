import { readFile, stat } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../platform/config/settings.js';
import type { HostAccess, HostHandle } from '../services/lifecycle/host-access.js';
import { allHosts, findHost, loadInventory, type Inventory, type KnownHost } from '../platform/config/inventory.js';
import { systemClock } from '../platform/clock.js';
import { createHostFactsService, type HostFactsService } from '../services/hosts/host-facts-service.js';
import type { ConnectionStateSource } from '../platform/ssh/connection-state.js';
import { cliInteraction } from '../platform/ssh/interaction.js';
import { createSshPool, type SshPool } from '../platform/ssh/ssh-pool.js';
import { parseSshConfig, resolveTarget } from '../platform/ssh/ssh-target.js';
import type { CliContext } from './context.js';
import { sshPoolOptions } from './pool-options.js';
import { sshConfigFile } from './ssh-config-file.js';

/** Host access plus each host's connection state (the dashboard shows them) and facts. */
export type CliHostAccess = HostAccess & { connections: ConnectionStateSource; facts: HostFactsService };

/**
 * Host access for the CLI: one SSH pool (LocalRunner for `local`), which never waits for an answer
 * (a new host key is refused with a hint: `hosts check --accept-new-host-key`). The address in URLs
 * is the one ssh connects to, so an ~/.ssh/config alias becomes its HostName. Given a `shared` pool
 * (the app's), it uses that one and leaves closing it to its owner.
 */
export async function cliHostAccess(ctx: CliContext, inventory: Inventory, settings: Settings, shared?: SshPool): Promise<CliHostAccess> {
  const pool = shared ?? await createSshPool(sshPoolOptions(ctx, settings, inventory.hosts, cliInteraction({ acceptNewHostKey: false })));
  const configText = await readFile(sshConfigFile(ctx, settings) ?? join(homedir(), '.ssh', 'config'), 'utf8').catch(() => '');
  let current = inventory;
  const resolveContext = { config: parseSshConfig(configText), home: homedir(), localUser: userInfo().username, inventoryHost: (name: string) => current.hosts.find((h) => h.name === name) };
  const addressOf = (host: KnownHost): string => (host.kind === 'local' ? '127.0.0.1' : resolveTarget(host, resolveContext).hostName);
  const opened = new Map<string, HostHandle>();
  // Each host is probed once per TTL (or on refresh), and its facts shared by every provider call.
  const facts = createHostFactsService({
    runnerFor: async (name) => (await openHost(name)).runner,
    clock: systemClock,
    cacheDir: ctx.paths.cacheDir,
    probeTimeoutMs: settings.commandTimeoutSeconds * 1000,
  });
  const modified = async (): Promise<number> => (await stat(ctx.paths.hostsFile).catch(() => undefined))?.mtimeMs ?? 0;
  let readAt = await modified();
  const openHost = async (name: string): Promise<HostHandle> => {
    // The inventory changed while the app runs (the hosts screen or the wizard added, edited or
    // removed a host; or the CLI did): read it again, and forget the handles of hosts that changed.
    const changedAt = await modified();
    if (changedAt !== readAt || !allHosts(current).some((h) => h.name === name)) {
      readAt = changedAt;
      const before = current;
      current = await loadInventory(ctx.paths.hostsFile);
      pool.setInventoryHosts(current.hosts);
      for (const host of before.hosts) {
        if (JSON.stringify(host) !== JSON.stringify(current.hosts.find((h) => h.name === host.name))) opened.delete(host.name);
      }
    }
    const cached = opened.get(name);
    if (cached) return cached;
    const host = findHost(current, name);
    const handle: HostHandle = {
      name,
      address: addressOf(host),
      runner: pool.runnerFor(host),
      facts: async () => (await facts.facts(name)).facts,
      recentFacts: async () => (await facts.recent(name))?.facts,
      ...(host.kind === 'ssh' && host.dataPaths ? { watchPaths: host.dataPaths } : {}),
      ...(host.kind === 'ssh' && host.proxy ? { proxy: host.proxy } : {}),
    };
    opened.set(name, handle);
    return handle;
  };
  return {
    names: () => allHosts(current).map((h) => h.name),
    open: openHost,
    refreshFacts: async (name) => void (await facts.refresh(name)),
    close: async () => {
      if (!shared) await pool.close();
    },
    connections: pool,
    facts,
  };
}
