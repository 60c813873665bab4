import type { K8sDeployment, K8sPod, K8sStatefulSet, K8sWorkload } from './objects.js';

/** Where a workload's rollout stands, by kubectl's `rollout status` rules. */
export type Rollout = { state: 'done' } | { state: 'progressing'; detail: string } | { state: 'failed'; detail: string };

/** A Deployment's or a StatefulSet's rollout, each by its own rules. */
export function rolloutOf(workload: K8sWorkload): Rollout {
  return workload.kind === 'StatefulSet' ? statefulSetRollout(workload) : deploymentRollout(workload);
}

/**
 * kubectl's rules for a StatefulSet (`rollout status`, StatefulSetStatusViewer): the controller must
 * have observed the latest generation, every replica must be ready and updated (above a partition,
 * when one is set), and the current revision must have become the update revision (the controller
 * moves it once every pod runs the new template and is ready). A StatefulSet has no progress
 * deadline: a pod that never gets ready keeps it progressing, with the pod's reason beside it.
 */
export function statefulSetRollout(s: K8sStatefulSet): Rollout {
  const status = s.status ?? {};
  const name = s.metadata.name;
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || observed < (s.metadata.generation ?? 0)) return { state: 'progressing', detail: 'Waiting for statefulset spec update to be observed...' };
  const desired = s.spec.replicas ?? 1;
  const ready = status.readyReplicas ?? 0;
  if (ready < desired) return { state: 'progressing', detail: `Waiting for ${desired - ready} pods of statefulset "${name}" to be ready...` };
  const partition = s.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (updated < desired - partition) return { state: 'progressing', detail: `Waiting for statefulset "${name}" roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...` };
  if (partition === 0 && status.currentRevision !== status.updateRevision) return { state: 'progressing', detail: `waiting for statefulset "${name}" rolling update to complete ${updated} pods at revision ${status.updateRevision ?? '?'}...` };
  return { state: 'done' };
}

/**
 * kubectl's rules (`rollout status`, DeploymentStatusViewer): the controller must have observed the
 * latest generation; ProgressDeadlineExceeded is a failure; then updated = desired, no old replicas
 * left (replicas = updated), and available = updated.
 */
export function deploymentRollout(d: K8sDeployment): Rollout {
  const status = d.status ?? {};
  const name = d.metadata.name;
  if ((status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return { state: 'progressing', detail: `Waiting for deployment spec update to be observed...` };
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { state: 'failed', detail: `deployment "${name}" exceeded its progress deadline` };
  const desired = d.spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < desired) return { state: 'progressing', detail: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...` };
  if (replicas > updated) return { state: 'progressing', detail: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...` };
  if (available < updated) return { state: 'progressing', detail: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...` };
  return { state: 'done' };
}

/** Why a pod is not ready, in words: image pull, crash loop (with its exit code), unschedulable with the scheduler's message. */
export function podProblem(pod: K8sPod): string | undefined {
  const status = pod.status ?? {};
  const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return `Pending: ${scheduled.message ?? scheduled.reason ?? 'not scheduled'}`;
  for (const c of status.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    if (waiting?.reason === 'CrashLoopBackOff') {
      const code = c.lastState?.terminated?.exitCode;
      return `CrashLoopBackOff: ${c.name} keeps exiting${code !== undefined ? ` (exit code ${code})` : ''}, ${c.restartCount} restarts`;
    }
    if (waiting?.reason && waiting.reason !== 'ContainerCreating') return `${waiting.reason}: ${waiting.message ?? c.name}`;
    if (waiting?.reason === 'ContainerCreating' && waiting.message) return `ContainerCreating: ${waiting.message}`;
    if (c.state?.running && !c.ready) return `${c.name} runs but is not ready (its readiness probe fails)`;
  }
  return undefined;
}
