import { z } from 'zod';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectl } from './kubectl.js';
import { MANAGED_BY } from './labels.js';
import type { UnmanagedWorkload as Listed } from '../adoption.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { showCommand } from '../../platform/show-command.js';
import type { ProviderContext } from '../provider.js';
import { k3sRefs } from './refs.js';

/** A Deployment or StatefulSet on the cluster that homelab-tui did not apply (nor the cluster itself). */
export interface UnmanagedWorkload {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  ready: number;
  replicas: number;
  images: string[];
}

// The cluster's own workloads (CoreDNS, Traefik, metrics-server, local-path) live here.
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

const list = z.looseObject({
  items: z.array(
    z.looseObject({
      kind: z.string(),
      metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
      spec: z.looseObject({ replicas: z.number().optional(), template: z.looseObject({ spec: z.looseObject({ containers: z.array(z.looseObject({ image: z.string().optional() })).optional() }).optional() }).optional() }).optional(),
      status: z.looseObject({ readyReplicas: z.number().optional() }).optional(),
    }),
  ),
});

/** `kubectl get deployments,statefulsets -A -o json` to the workloads outside the system namespaces (pure). */
export function unmanagedWorkloads(stdout: string): UnmanagedWorkload[] {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return [];
  }
  const parsed = list.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.items.flatMap((item) => {
    const namespace = item.metadata.namespace ?? 'default';
    if ((item.kind !== 'Deployment' && item.kind !== 'StatefulSet') || SYSTEM_NAMESPACES.has(namespace)) return [];
    const images = (item.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.image ? [c.image] : []));
    return [{ kind: item.kind, namespace, name: item.metadata.name, ready: item.status?.readyReplicas ?? 0, replicas: item.spec?.replicas ?? 1, images }];
  });
}

/** The cluster's workloads not labelled as homelab-tui's; none when kubectl does not answer (discovery never fails a status). */
export async function discoverK3sWorkloads(runner: CommandRunner): Promise<UnmanagedWorkload[]> {
  const result = await runner.run(kubectl(['get', 'deployments,statefulsets', '-A', '-l', `${MANAGED_BY}!=homelab-tui`, '-o', 'json'], { timeoutMs: 20_000 })).catch(() => undefined);
  return result?.exitCode === 0 ? unmanagedWorkloads(result.stdout) : [];
}

/** The workloads k3s records name as adopted (NAMESPACE/NAME): they run without homelab-tui's labels but are managed. */
export function adoptedNames(records: readonly DeploymentRecord[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const record of records.filter((r) => r.provider === 'k3s')) {
    try {
      const refs = k3sRefs(record);
      for (const a of refs.adopted ?? []) names.set(`${refs.namespace}/${a.name}`, record.name);
    } catch {
      // a record this version cannot read names nothing here; status says what is wrong with it
    }
  }
  return names;
}

/** One workload as status lists it, with the command that adopts it. */
export function describeK3sWorkload(w: UnmanagedWorkload, host: string): Listed {
  const name = `${w.namespace}/${w.name}`;
  return {
    name,
    provider: 'k3s',
    summary: `k3s ${w.kind} (${w.ready}/${w.replicas} ready)${w.images.length ? `, ${w.images.join(', ')}` : ''}`,
    hint: `adopt it: ${showCommand(['homelab-tui', 'adopt', name, '--host', host])}`,
  };
}

/** The k3s provider's part of discovery: the unlabelled workloads no record adopted. */
export async function discoverK3s(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<Listed[]> {
  const adopted = adoptedNames(records);
  return (await discoverK3sWorkloads(ctx.runner)).filter((w) => !adopted.has(`${w.namespace}/${w.name}`)).map((w) => describeK3sWorkload(w, ctx.hostName));
}
