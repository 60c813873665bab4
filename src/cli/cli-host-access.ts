import type { Settings } from '../services/config/settings.js';
import { UserError } from '../services/errors.js';
import type { HostAccess, HostHandle } from '../services/install/host-access.js';
import { allHosts, findHost, type Inventory } from '../services/inventory.js';
import { LocalRunner } from '../services/runner/local-runner.js';
import type { CliContext } from './context.js';

/**
 * Host access for the CLI: `local` runs here; inventory hosts need the SSH transport, which this
 * branch does not have yet (it arrives with the fleet transport merge).
 */
export async function cliHostAccess(_ctx: CliContext, inventory: Inventory, _settings: Settings): Promise<HostAccess> {
  const opened = new Map<string, HostHandle>();
  return {
    names: () => allHosts(inventory).map((h) => h.name),
    async open(name) {
      const host = findHost(inventory, name);
      const cached = opened.get(name);
      if (cached) return cached;
      if (host.kind !== 'local') throw new UserError(`cannot reach ${name}: this build has no SSH transport yet`, 'use --host local');
      const handle = { name, address: '127.0.0.1', runner: new LocalRunner() };
      opened.set(name, handle);
      return handle;
    },
    close: async () => {
      await Promise.all([...opened.values()].map((h) => h.runner.close()));
    },
  };
}
