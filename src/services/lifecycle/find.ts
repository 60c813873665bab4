import type { Clock } from '../../platform/clock.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { listRecords, readRecord, type BrokenRecord } from '../../platform/deployments/record-store.js';
import { CommandError, UserError } from '../../platform/errors.js';
import { cacheHostRecords, readHostCache } from './deployment-cache.js';
import type { HostAccess, HostHandle } from './host-access.js';
import { showCommand } from '../../platform/show-command.js';

/** One host's deployments as it told them, or (unreachable) as last cached, with the error. */
export interface HostDeployments {
  host: string;
  records: DeploymentRecord[];
  broken: BrokenRecord[];
  error?: { message: string; hint?: string };
  /** Set when the records come from the local cache because the host did not answer. */
  cachedAt?: string;
}

/** Reads the records of every named host (in parallel), refreshing the local cache. */
export async function listHostDeployments(hosts: HostAccess, names: readonly string[], cacheDir: string, clock: Clock): Promise<HostDeployments[]> {
  return Promise.all(
    names.map(async (host): Promise<HostDeployments> => {
      try {
        const handle = await hosts.open(host);
        const { records, broken } = await listRecords(handle.runner);
        await cacheHostRecords(cacheDir, host, records, new Date(clock.now()));
        return { host, records, broken };
      } catch (error) {
        if (!(error instanceof UserError || error instanceof CommandError)) throw error;
        const cached = await readHostCache(cacheDir, host);
        return { host, records: cached?.records ?? [], broken: [], error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) }, ...(cached ? { cachedAt: cached.at } : {}) };
      }
    }),
  );
}

/**
 * Finds a deployment by name: on the given host, else by asking every host (the local cache stands
 * in for a host that does not answer). A name on several hosts needs --host (exit 2, listing them):
 * never the first one found, and never a stale cache's guess.
 */
export async function findDeployment(hosts: HostAccess, name: string, options: { host?: string; cacheDir: string; clock: Clock }): Promise<{ handle: HostHandle; record: DeploymentRecord }> {
  if (options.host !== undefined) {
    const handle = await hosts.open(options.host);
    const record = await readRecord(handle.runner, name);
    if (!record) throw new UserError(`no deployment named "${name}" on ${options.host}`, `see what is there: ${showCommand(['homelab-tui', 'status', '--host', options.host])}`);
    return { handle, record };
  }
  const listed = await listHostDeployments(hosts, hosts.names(), options.cacheDir, options.clock);
  const holding = listed.filter((h) => h.records.some((r) => r.name === name));
  const found = holding.filter((h) => !h.error);
  const silent = holding.filter((h) => h.error).map((h) => h.host);
  if (holding.length > 1) {
    const where = [...found.map((h) => h.host), ...silent.map((h) => `${h} (did not answer; as cached)`)];
    throw new UserError(`"${name}" exists on ${holding.length} hosts: ${where.join(', ')}`, `say which: ${holding.map((h) => `--host ${h.host}`).join(' or ')}`, 2);
  }
  const [first] = found;
  if (!first) {
    if (silent.length > 0) throw new UserError(`"${name}" was last seen on ${silent.join(', ')}, which did not answer`, 'try again when it answers', 1);
    throw new UserError(`no deployment named "${name}" on any host`, 'see every deployment: homelab-tui status');
  }
  const record = first.records.find((r) => r.name === name) as DeploymentRecord;
  return { handle: await hosts.open(first.host), record };
}
