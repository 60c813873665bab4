import type { HostFactsService } from '../services/hosts/host-facts-service.js';
import type { HostAccess } from '../services/lifecycle/host-access.js';
import { allHosts, findHost, type Inventory, type KnownHost } from '../platform/config/inventory.js';
import type { SshPool } from '../platform/ssh/ssh-pool.js';

/**
 * The pipeline's host access over the app's one SSH pool and the inventory as it is now (the wizard
 * may have added a host). The pool belongs to the app, so closing this closes nothing. Facts come from
 * the wizard's host facts service: what its host check found serves the install's providers.
 */
export function appHostAccess(pool: SshPool, inventory: Inventory, addressOf: (host: KnownHost) => string, facts: HostFactsService): HostAccess {
  return {
    names: () => allHosts(inventory).map((h) => h.name),
    open: async (name) => {
      const host = findHost(inventory, name);
      return {
        name,
        address: addressOf(host),
        runner: pool.runnerFor(host),
        facts: async () => (await facts.facts(name)).facts,
        recentFacts: async () => (await facts.recent(name))?.facts,
        ...(host.kind === 'ssh' && host.dataPaths ? { watchPaths: host.dataPaths } : {}),
        ...(host.kind === 'ssh' && host.proxy ? { proxy: host.proxy } : {}),
      };
    },
    close: async () => undefined,
    refreshFacts: async (name) => void (await facts.refresh(name)),
  };
}
