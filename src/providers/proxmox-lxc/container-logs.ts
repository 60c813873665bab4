import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { LogLine, LogOptions, ProviderContext } from '../provider.js';
import { containerRef, ensureOnThisNode } from './container-ref.js';
import { journalSince, LOGS_SCRIPT } from './guest-scripts.js';
import { pct } from './pve-commands.js';

/** The argv that prints (and follows) a service's log inside the guest. */
export function logsCommand(vmid: number, service: string, options: Pick<LogOptions, 'tail' | 'follow' | 'since'>): string[] {
  return pct.exec(vmid, ['sh', '-c', LOGS_SCRIPT, 'sh', service, String(options.tail ?? 100), options.follow ? 'yes' : 'no', journalSince(options.since)]);
}

/**
 * The service's journal (systemd guests) or its log file (guests without systemd), through
 * `pct exec`; following stops when the signal aborts.
 */
export async function* streamLxcLogs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine> {
  const ref = containerRef(record);
  await ensureOnThisNode(ctx.runner, ref, record.name);
  const argv = logsCommand(ref.vmid, ref.service, options);
  for await (const { line } of ctx.runner.stream({ argv, ...(options.signal ? { signal: options.signal } : {}) })) {
    yield { source: ref.service, line };
  }
}
