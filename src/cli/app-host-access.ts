import type { HostAccess } from '../services/lifecycle/host-access.js';
import { allHosts, findHost, type Inventory, type KnownHost } from '../platform/config/inventory.js';
import type { SshPool } from '../platform/ssh/ssh-pool.js';

/**
 * The pipeline's host access over the app's one SSH pool and the inventory as it is now (the wizard
 * may have added a host). The pool belongs to the app, so closing this closes nothing.
 */
export function appHostAccess(pool: SshPool, inventory: Inventory, addressOf: (host: KnownHost) => string): HostAccess {
  return {
    names: () => allHosts(inventory).map((h) => h.name),
    open: async (name) => {
      const host = findHost(inventory, name);
      return { name, address: addressOf(host), runner: pool.runnerFor(host) };
    },
    close: async () => undefined,
  };
}
