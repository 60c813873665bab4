import { z } from 'zod';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectl } from './kubectl.js';
import { MANAGED_BY } from './labels.js';
import type { UnmanagedWorkload as Listed } from '../adoption.js';

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

/** The k3s provider's part of discovery (listing only: adopting a workload is not in this version). */
export async function discoverK3s(runner: CommandRunner): Promise<Listed[]> {
  return (await discoverK3sWorkloads(runner)).map((w) => ({
    name: `${w.namespace}/${w.name}`,
    provider: 'k3s',
    summary: `k3s ${w.kind} (${w.ready}/${w.replicas} ready)${w.images.length ? `, ${w.images.join(', ')}` : ''}`,
    hint: 'adopting a k3s workload is not in this version: homelab-tui lists it so nothing runs unseen',
  }));
}
