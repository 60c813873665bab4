import type { Clock } from '../../platform/clock.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectlJson } from './kubectl.js';
import { deploymentSelector, INSTANCE, MANAGED_BY } from './labels.js';
import { splitList, type K8sDeployment, type K8sPod } from './objects.js';

type Workloads = { deployments: K8sDeployment[]; pods: K8sPod[] };

/** A deployment's Deployments and Pods in its namespace, found by its labels (one kubectl call). */
export async function readWorkloads(runner: CommandRunner, namespace: string, deployment: string): Promise<Workloads> {
  return splitList(await kubectlJson(runner, ['get', 'deployments,pods', '-n', namespace, '-l', deploymentSelector(deployment)]));
}

/** How long one read of every homelab-tui workload on a host serves the status of each deployment on it, once it has answered. */
const SHARED_READ_MS = 1000;
const shared = new WeakMap<CommandRunner, { done?: number; read: Promise<Workloads> }>();

/**
 * The same as readWorkloads, but read once for every deployment on the host (`get -A -l
 * managed-by=homelab-tui`) and shared by the status reads that start while it runs or within a
 * second after it answered: a status of 50 deployments costs one kubectl call for the workloads, not
 * 50 (counting the second from its start made a read slower than a second be repeated by every
 * batch of the host's concurrent reads).
 */
export async function readWorkloadsShared(runner: CommandRunner, clock: Clock, namespace: string, deployment: string): Promise<Workloads> {
  const now = clock.now();
  let entry = shared.get(runner);
  if (!entry || (entry.done !== undefined && now - entry.done > SHARED_READ_MS)) {
    const mineEntry: { done?: number; read: Promise<Workloads> } = { read: kubectlJson(runner, ['get', 'deployments,pods', '-A', '-l', `${MANAGED_BY}=homelab-tui`]).then(splitList) };
    entry = mineEntry;
    shared.set(runner, entry);
    entry.read.then(
      () => void (mineEntry.done = clock.now()),
      () => {
        if (shared.get(runner) === mineEntry) shared.delete(runner);
      },
    );
  }
  const all = await entry.read;
  const mine = (o: { metadata: { namespace?: string; labels?: Record<string, string> } }) => o.metadata.namespace === namespace && o.metadata.labels?.[INSTANCE] === deployment;
  return { deployments: all.deployments.filter(mine), pods: all.pods.filter(mine) };
}

export function podsOf(pods: readonly K8sPod[], component: string): K8sPod[] {
  return pods.filter((p) => p.metadata.labels?.['app.kubernetes.io/component'] === component);
}
