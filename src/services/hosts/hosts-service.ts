import type { Clock } from '../../platform/clock.js';
import { addHost, allHosts, findHost, loadInventory, removeHost, replaceHost, saveInventory, type Inventory, type KnownHost } from '../../platform/config/inventory.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { readHostCache } from '../lifecycle/deployment-cache.js';
import { checkHosts, type HostCheck } from './check-hosts.js';

/** A host as the hosts screen lists and edits it. */
export interface HostEntry {
  name: string;
  kind: 'local' | 'ssh';
  address: string;
  user?: string;
  port?: number;
}

/** What the hosts screen's form gives: the fields a person types. */
export interface HostInput {
  name: string;
  address: string;
  user?: string;
  port?: number;
}

/**
 * The inventory's use cases for the hosts screen, the same the CLI's `hosts add|remove|check` run:
 * the inventory file (written atomically by saveInventory) and `checkHosts` over the app's SSH pool.
 */
export interface HostsService {
  list(): Promise<HostEntry[]>;
  add(input: HostInput): Promise<HostEntry>;
  /** Changes a host's name, address, user or port; the rest of its entry is kept. */
  edit(name: string, input: HostInput): Promise<HostEntry>;
  remove(name: string): Promise<void>;
  /** The deployments last seen on a host (the local cache of its records): removing it hides them. */
  deploymentsOn(name: string): Promise<string[]>;
  /** Connects, verifies the host key (asking the pool's interaction about a new one), probes. */
  check(name: string): Promise<HostCheck>;
}

export interface HostsServiceDeps {
  hostsFile: string;
  cacheDir: string;
  runnerFor(host: KnownHost): CommandRunner;
  /** Hosts whose new key was accepted in this session (reported as `accepted`). */
  accepted?: ReadonlySet<string>;
  probeTimeoutMs?: number;
  clock: Clock;
  /** Told after every change, so the SSH pool resolves the hosts as they are now. */
  onChange?(inventory: Inventory): void;
}

function entryOf(host: KnownHost): HostEntry {
  if (host.kind === 'local') return { name: host.name, kind: 'local', address: '' };
  return { name: host.name, kind: 'ssh', address: host.address, ...(host.user ? { user: host.user } : {}), ...(host.port ? { port: host.port } : {}) };
}

function fieldsOf(input: HostInput): HostInput {
  return { name: input.name, address: input.address, ...(input.user ? { user: input.user } : {}), ...(input.port ? { port: input.port } : {}) };
}

export function createHostsService(deps: HostsServiceDeps): HostsService {
  // Read each time: the CLI (or the wizard) may have changed the file since.
  const change = async (edit: (inventory: Inventory) => Inventory): Promise<Inventory> => {
    const next = edit(await loadInventory(deps.hostsFile));
    await saveInventory(deps.hostsFile, next);
    deps.onChange?.(next);
    return next;
  };
  // A new key is news once: the check that accepted it says so; later checks find it known.
  const told = new Set<string>();
  return {
    list: async () => allHosts(await loadInventory(deps.hostsFile)).map(entryOf),
    add: async (input) => entryOf(findHost(await change((inventory) => addHost(inventory, fieldsOf(input))), input.name)),
    edit: async (name, input) => entryOf(findHost(await change((inventory) => replaceHost(inventory, name, fieldsOf(input))), input.name)),
    remove: async (name) => void (await change((inventory) => removeHost(inventory, name))),
    deploymentsOn: async (name) => ((await readHostCache(deps.cacheDir, name))?.records ?? []).map((r) => r.name).sort(),
    check: async (name) => {
      const host = findHost(await loadInventory(deps.hostsFile), name);
      const [result] = await checkHosts([host], {
        runnerFor: deps.runnerFor,
        concurrency: 1,
        ...(deps.accepted ? { accepted: deps.accepted } : {}),
        ...(deps.probeTimeoutMs ? { probeTimeoutMs: deps.probeTimeoutMs } : {}),
        cacheDir: deps.cacheDir,
        clock: deps.clock,
      });
      if (!result) throw new Error(`no check result for ${name}`);
      if (result.hostKey !== 'accepted') return result;
      if (told.has(name)) return { ...result, hostKey: 'known' };
      told.add(name);
      return result;
    },
  };
}
