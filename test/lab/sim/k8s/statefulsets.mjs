// kubectl SIMULATOR support: the StatefulSet controller, run on every kubectl call (under the lock)
// like the Deployment's. Pods have stable names (NAME-0, NAME-1, …) and are real Podman containers;
// OrderedReady (the default) makes NAME-i only once every lower ordinal is Running and Ready, and a
// rolling update replaces the highest ordinal not at the update revision first, but only while every
// pod is Running and Ready: a pod that never got ready stays even when the template is reverted, as
// the real controller's "forced rollback" problem (Kubernetes docs, StatefulSets). Claims from
// volumeClaimTemplates are made as NAME-ORDINAL PVCs labelled with the selector and kept when the
// StatefulSet goes (persistentVolumeClaimRetentionPolicy Retain, the default).
import { createPod, deletePod, podView, startPod, templateHash } from './pods.mjs';

export const REVISION_LABEL = 'controller-revision-hash';
const CURRENT = 'sim.homelab-tui.io/current-revision';

export function podsOfStatefulSet(store, s) {
  return store.list('Pod', s.metadata.namespace).filter((p) => p.sim?.ownerKind === 'StatefulSet' && p.sim.owner === s.metadata.name);
}

/** The update revision's name (a ControllerRevision's, NAME-HASH). */
export function revisionOf(s) {
  return `${s.metadata.name}-${templateHash(s.spec.template)}`;
}

/** The annotations a StatefulSet keeps across applies: the revision its pods were last all at (set to the first revision on create). */
export function statefulSetAnnotations(previous, stored) {
  const kept = Object.fromEntries(Object.entries(previous?.metadata.annotations ?? {}).filter(([k]) => k.startsWith('sim.homelab-tui.io/')));
  return { ...(stored.metadata.annotations ?? {}), ...kept, ...(previous ? {} : { [CURRENT]: revisionOf(stored) }) };
}

const ready = (view) => view.status.phase === 'Running' && view.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

function claimName(template, s, ordinal) {
  return `${template.metadata.name}-${s.metadata.name}-${ordinal}`;
}

/** The PVCs of a pod's volumeClaimTemplates, made when missing; the volumes that mount them. */
function claimVolumes(store, s, ordinal) {
  return (s.spec.volumeClaimTemplates ?? []).map((t) => {
    const name = claimName(t, s, ordinal);
    if (!store.get('PersistentVolumeClaim', s.metadata.namespace, name)) {
      const labels = { ...(t.metadata.labels ?? {}), ...s.spec.selector.matchLabels };
      const pvc = store.stamp({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: s.metadata.namespace, labels }, spec: t.spec }, undefined, true);
      pvc.status = { phase: 'Bound', accessModes: t.spec.accessModes, capacity: { storage: t.spec.resources?.requests?.storage } };
      store.put(pvc);
    }
    return { name: t.metadata.name, persistentVolumeClaim: { claimName: name } };
  });
}

function createOrdinal(sim, store, s, ordinal, revision) {
  const name = `${s.metadata.name}-${ordinal}`;
  const volumes = [...(s.spec.template.spec.volumes ?? []), ...claimVolumes(store, s, ordinal)];
  const labels = { [REVISION_LABEL]: revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) };
  createPod(sim, store, s, s.spec.template, revision, { name, labels, spec: { hostname: name, subdomain: s.spec.serviceName, ...(volumes.length ? { volumes } : {}) } });
}

export async function reconcileStatefulSet(sim, store, s) {
  const revision = revisionOf(s);
  const replicas = s.spec.replicas ?? 1;
  const ordered = (s.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const ordinalOf = (p) => Number(p.metadata.name.slice(s.metadata.name.length + 1));
  const pods = podsOfStatefulSet(store, s);
  // Scale down: every ordinal at or above replicas goes.
  for (const p of pods.filter((x) => ordinalOf(x) >= replicas)) deletePod(sim, store, p);
  const byOrdinal = new Map(pods.filter((x) => ordinalOf(x) < replicas).map((p) => [ordinalOf(p), p]));
  // A pod blocked at its start (a Secret or PVC not there yet) is tried again, as the kubelet does.
  for (const p of byOrdinal.values()) startPod(sim, store, p);
  // Nothing to make or replace: no readiness to look at (a probe on every kubectl call would cost).
  if (byOrdinal.size === replicas && [...byOrdinal.values()].every((p) => p.metadata.labels[REVISION_LABEL] === revision)) return;
  for (let i = 0; i < replicas; i += 1) {
    const pod = byOrdinal.get(i);
    if (!pod) {
      createOrdinal(sim, store, s, i, revision);
      if (ordered) return;
      continue;
    }
    if (ordered && !ready(await podView(pod))) return;
  }
  if (s.spec.updateStrategy?.type === 'OnDelete') return;
  const partition = s.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let i = replicas - 1; i >= partition; i -= 1) {
    const pod = byOrdinal.get(i);
    if (!pod) continue;
    if (pod.metadata.labels[REVISION_LABEL] !== revision) {
      deletePod(sim, store, pod);
      // The controller makes it again on its next sync; the simulator's next sync is now.
      createOrdinal(sim, store, s, i, revision);
      return;
    }
    if (!ready(await podView(pod))) return;
  }
}

/** The StatefulSet with the status the controller would report now; the current revision moves to the update revision once every pod runs it and is ready. */
export async function statefulSetView(store, s) {
  const revision = revisionOf(s);
  const replicas = s.spec.replicas ?? 1;
  const views = await Promise.all(podsOfStatefulSet(store, s).map(podView));
  const updated = views.filter((v) => v.metadata.labels[REVISION_LABEL] === revision);
  const readyOnes = views.filter(ready);
  let current = s.metadata.annotations?.[CURRENT] ?? revision;
  if (current !== revision && updated.length === replicas && views.length === replicas && readyOnes.length === replicas) {
    current = revision;
    store.put({ ...s, metadata: { ...s.metadata, annotations: { ...s.metadata.annotations, [CURRENT]: revision } } });
  }
  const { annotations = {}, ...meta } = s.metadata;
  const shown = Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('sim.homelab-tui.io/')));
  return {
    ...s,
    metadata: { ...meta, ...(Object.keys(shown).length ? { annotations: shown } : {}) },
    status: {
      observedGeneration: s.metadata.generation,
      replicas: views.length,
      readyReplicas: readyOnes.length,
      currentReplicas: views.filter((v) => v.metadata.labels[REVISION_LABEL] === current).length,
      updatedReplicas: updated.length,
      availableReplicas: readyOnes.length,
      currentRevision: current,
      updateRevision: revision,
      collisionCount: 0,
    },
  };
}
