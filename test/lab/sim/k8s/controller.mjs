// kubectl SIMULATOR support: the Deployment controller (and the StatefulSet one's, statefulsets.mjs), run on every kubectl call (under the lock)
// instead of in the background: it makes each Deployment's pods match its template (Recreate: old pods
// first; RollingUpdate: old pods go once the new ones are ready), removes pods whose owner is gone,
// and computes the Deployment's status the way the real controller reports it.
import { createPod, deletePod, HASH_LABEL, podView, startPod, templateHash } from './pods.mjs';
import { reconcileStatefulSet } from './statefulsets.mjs';

/** The pods a Deployment owns. */
export function podsOfDeployment(store, deployment) {
  return store.list('Pod', deployment.metadata.namespace).filter((p) => (p.sim?.ownerKind ?? 'Deployment') === 'Deployment' && p.sim?.owner === deployment.metadata.name);
}

export async function reconcile(sim, store) {
  const deployments = store.list('Deployment');
  const statefulSets = store.list('StatefulSet');
  const owners = new Set([...deployments, ...statefulSets].map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
  // A bare pod (no owner: applied as a Pod) stays until it is deleted; a workload's pod goes with its owner.
  for (const pod of store.list('Pod')) if (pod.sim?.owner !== undefined && !owners.has(`${pod.sim.ownerKind ?? 'Deployment'}/${pod.metadata.namespace}/${pod.sim.owner}`)) deletePod(sim, store, pod);
  for (const pod of store.list('Pod')) if (pod.sim?.owner === undefined) startPod(sim, store, pod);
  for (const d of deployments) await reconcileDeployment(sim, store, d);
  for (const s of statefulSets) await reconcileStatefulSet(sim, store, s);
}

async function reconcileDeployment(sim, store, d) {
  const hash = templateHash(d.spec.template);
  const replicas = d.spec.replicas ?? 1;
  const pods = podsOfDeployment(store, d);
  const current = pods.filter((p) => p.metadata.labels[HASH_LABEL] === hash);
  const old = pods.filter((p) => p.metadata.labels[HASH_LABEL] !== hash);
  const recreate = d.spec.strategy?.type === 'Recreate';
  if (recreate && old.length > 0) {
    for (const p of old) deletePod(sim, store, p);
  }
  for (const p of current.slice(replicas)) deletePod(sim, store, p);
  for (const p of current.slice(0, replicas)) startPod(sim, store, p);
  for (let i = current.length; i < replicas; i += 1) createPod(sim, store, d, d.spec.template, hash);
  if (!recreate && old.length > 0) {
    const views = await Promise.all(podsOfDeployment(store, d).filter((p) => p.metadata.labels[HASH_LABEL] === hash).map(podView));
    if (views.filter(isReady).length >= replicas) for (const p of old) deletePod(sim, store, p);
  }
}

export function isReady(view) {
  return view.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The Deployment with the status the controller would report now. */
export async function deploymentView(store, d) {
  const hash = templateHash(d.spec.template);
  const replicas = d.spec.replicas ?? 1;
  const views = await Promise.all(podsOfDeployment(store, d).map(podView));
  const updated = views.filter((v) => v.metadata.labels[HASH_LABEL] === hash);
  const ready = views.filter(isReady);
  const updatedReady = updated.filter(isReady);
  const since = Date.parse(d.metadata.annotations?.['sim.homelab-tui.io/progress-since'] ?? d.metadata.creationTimestamp);
  const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  const complete = updatedReady.length >= replicas && views.length === updated.length;
  const timedOut = !complete && Date.now() - since > deadline;
  const rs = `${d.metadata.name}-${hash}`;
  const { annotations = {}, ...meta } = d.metadata;
  const shown = Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('sim.homelab-tui.io/')));
  return {
    ...d,
    metadata: { ...meta, annotations: { ...shown, 'deployment.kubernetes.io/revision': String(d.metadata.annotations?.['sim.homelab-tui.io/revision'] ?? 1) } },
    status: {
      observedGeneration: d.metadata.generation,
      replicas: views.length,
      updatedReplicas: updated.length,
      readyReplicas: ready.length,
      availableReplicas: ready.length,
      ...(views.length - ready.length > 0 ? { unavailableReplicas: Math.max(replicas, views.length) - ready.length } : {}),
      conditions: [
        ready.length >= replicas
          ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
          : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
        complete
          ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs}" has successfully progressed.` }
          : timedOut
            ? { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs}" has timed out progressing.` }
            : { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs}" is progressing.` },
      ],
    },
  };
}
