import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { LogLine, LogOptions, ProviderContext } from '../provider.js';
import { mergeAsync } from '../compose/merge-async.js';
import { kubectl } from './kubectl.js';
import type { K8sPod } from './objects.js';
import { readWorkloads } from './read-workloads.js';
import { k3sRefs } from './refs.js';

/** `2026-11-22T12:23:12.816442178Z line` as `kubectl logs --timestamps` prints it. */
function splitTimestamp(text: string): { time?: string; line: string } {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) ?(.*)$/.exec(text);
  return match ? { time: match[1] as string, line: match[2] as string } : { line: text };
}

export function logsArgs(namespace: string, pod: string, options: LogOptions): string[] {
  const since = options.since === undefined ? [] : /^\d+[smh]$/.test(options.since) ? [`--since=${options.since}`] : [`--since-time=${options.since}`];
  return ['logs', '-n', namespace, `pod/${pod}`, '--timestamps', ...(options.tail !== undefined ? [`--tail=${options.tail}`] : []), ...since, ...(options.follow ? ['--follow'] : [])];
}

/**
 * The logs of every pod of the deployment (or one service's), each line tagged with its pod. Without
 * `follow` the lines come sorted by time; with it as they are written, and pods that appear later (a
 * restart, a rollout) are followed too, until the signal aborts.
 */
export async function* streamK3sLogs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine> {
  const refs = k3sRefs(record);
  if (options.service !== undefined && !refs.serviceList.includes(options.service)) throw new UserError(`"${record.name}" has no service "${options.service}"`, `its services: ${refs.serviceList.join(', ')}`);
  const podsNow = async () => (await readWorkloads(ctx.runner, refs.namespace, record.name, refs.adopted)).pods.filter((p) => options.service === undefined || p.metadata.labels?.['app.kubernetes.io/component'] === options.service);
  const first = await podsNow();
  if (first.length === 0) throw new UserError(`"${record.name}" has no pods${options.service ? ` for ${options.service}` : ''} in namespace ${refs.namespace} on ${ctx.hostName}`, 'see homelab-tui status');
  const stream = (pod: K8sPod) =>
    (async function* (): AsyncIterable<LogLine> {
      const command = { ...kubectl(logsArgs(refs.namespace, pod.metadata.name, options), { timeoutMs: options.follow ? 24 * 3600_000 : 60_000 }), ...(options.signal ? { signal: options.signal } : {}) };
      for await (const { line } of ctx.runner.stream(command)) {
        const { time, line: text } = splitTimestamp(line);
        yield { source: pod.metadata.name, line: text, ...(time ? { time } : {}) };
      }
    })();
  if (!options.follow) {
    const all: LogLine[] = [];
    for await (const line of mergeAsync(first.map(stream))) all.push(line);
    yield* all.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
    return;
  }
  // A StatefulSet's new pod has its old pod's name (db-0): pods are told apart by uid.
  const seen = new Set<string>();
  const idOf = (p: K8sPod) => p.metadata.uid ?? p.metadata.name;
  let pods = first;
  while (!options.signal?.aborted) {
    const fresh = pods.filter((p) => !seen.has(idOf(p)));
    for (const p of fresh) seen.add(idOf(p));
    if (fresh.length > 0) yield* mergeAsync(fresh.map(stream));
    if (options.signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    pods = await podsNow();
  }
}
