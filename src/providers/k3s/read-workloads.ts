import type { Clock } from '../../platform/clock.js';
import type { ReadingScope } from '../../platform/reading-scope.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectlJson } from './kubectl.js';
import { COMPONENT, deploymentSelector, INSTANCE, MANAGED_BY } from './labels.js';
import { splitList, type K8sPod, type K8sWorkload } from './objects.js';
import type { AdoptedWorkload } from './refs.js';

/** The Deployments and StatefulSets of a deployment, and their pods. */
export type Workloads = { workloads: K8sWorkload[]; pods: K8sPod[] };

/** What status, logs and the rollout gate read: every kind of workload and the pods. */
const KINDS = 'deployments,statefulsets,pods';

/**
 * A deployment's Deployments, StatefulSets and Pods in its namespace, found by its labels (one kubectl
 * call); an adopted one's (`adopted`: made by hand, without homelab-tui's labels) by name and selector.
 */
export async function readWorkloads(runner: CommandRunner, namespace: string, deployment: string, adopted?: readonly AdoptedWorkload[]): Promise<Workloads> {
  if (adopted) return adoptedOfList(splitList(await kubectlJson(runner, ['get', KINDS, '-n', namespace])), adopted);
  return splitList(await kubectlJson(runner, ['get', KINDS, '-n', namespace, '-l', deploymentSelector(deployment)]));
}

/**
 * An adopted deployment's workloads (by kind and name) and their pods (by each one's selector), each
 * pod labelled with its workload as the component in this reading only, so status, logs and shell
 * find them as they find an installed deployment's (pure).
 */
export function adoptedOfList(all: Workloads, adopted: readonly AdoptedWorkload[]): Workloads {
  const workloads = all.workloads.filter((w) => adopted.some((a) => a.kind === w.kind && a.name === w.metadata.name));
  const pods = all.pods.flatMap((p) => {
    const owner = adopted.find((a) => Object.keys(a.selector).length > 0 && Object.entries(a.selector).every(([k, v]) => p.metadata.labels?.[k] === v));
    return owner ? [{ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, [COMPONENT]: owner.name } } }] : [];
  });
  return { workloads, pods };
}

/** How long one read of every homelab-tui workload on a host serves the status of each deployment on it, once it has answered. */
const SHARED_READ_MS = 1000;
const shared = new WeakMap<CommandRunner, { done?: number; read: Promise<Workloads> }>();

/**
 * The same as readWorkloads, but read once for every deployment on the host (`get -A -l
 * managed-by=homelab-tui`): within a host reading (`reading`, a status run or a dashboard refresh)
 * once for all of its deployments; outside one, shared by the status reads that start while it runs
 * or within a second after it answered. A status of 50 deployments costs one kubectl call for the
 * workloads, not 50 (a time window alone made each batch of the host's concurrent reads that began
 * after it closed read again: 7 reads of 3-4 s each for 50 deployments on a loaded machine).
 */
export async function readWorkloadsShared(runner: CommandRunner, clock: Clock, namespace: string, deployment: string, reading?: ReadingScope): Promise<Workloads> {
  const all = reading ? await workloadsOfReading(runner, reading) : await sharedByTime(runner, clock);
  const mine = (o: { metadata: { namespace?: string; labels?: Record<string, string> } }) => o.metadata.namespace === namespace && o.metadata.labels?.[INSTANCE] === deployment;
  return { workloads: all.workloads.filter(mine), pods: all.pods.filter(mine) };
}

/** Every homelab-tui workload on the host, read once per host reading. */
export function workloadsOfReading(runner: CommandRunner, reading: ReadingScope): Promise<Workloads> {
  return reading.shared('k3s:workloads', () => readAll(runner));
}

function readAll(runner: CommandRunner): Promise<Workloads> {
  return kubectlJson(runner, ['get', KINDS, '-A', '-l', `${MANAGED_BY}=homelab-tui`]).then(splitList);
}

function sharedByTime(runner: CommandRunner, clock: Clock): Promise<Workloads> {
  const now = clock.now();
  let entry = shared.get(runner);
  if (!entry || (entry.done !== undefined && now - entry.done > SHARED_READ_MS)) {
    const mineEntry: { done?: number; read: Promise<Workloads> } = { read: readAll(runner) };
    entry = mineEntry;
    shared.set(runner, entry);
    entry.read.then(
      () => void (mineEntry.done = clock.now()),
      () => {
        if (shared.get(runner) === mineEntry) shared.delete(runner);
      },
    );
  }
  return entry.read;
}

export function podsOf(pods: readonly K8sPod[], component: string): K8sPod[] {
  return pods.filter((p) => p.metadata.labels?.['app.kubernetes.io/component'] === component);
}
