// kubectl SIMULATOR support: `apply --server-side`: every object is checked against the strict v1.31
// schema and the API server's name rules, then stored with the fields the server sets. Objects are
// applied one by one; a bad one is reported and the rest still applied, as kubectl does.
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { KINDS, refText } from './resources.mjs';
import { APPLICABLE, nameProblem, schemaProblems } from './validate.mjs';
import { deletePod, placePod, pvcDir, templateHash } from './pods.mjs';
import { statefulSetAnnotations } from './statefulsets.mjs';

const require = createRequire(import.meta.url);

export function parseDocuments(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const doc = JSON.parse(trimmed);
    return doc.kind === 'List' ? doc.items : [doc];
  }
  const YAML = require('yaml');
  return YAML.parseAllDocuments(text)
    .map((d) => d.toJSON())
    .filter((d) => d !== null && d !== undefined)
    .flatMap((d) => (d.kind === 'List' ? d.items : [d]));
}

const quantityBytes = (q) => {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  if (!m) return NaN;
  const f = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2]] ?? 1;
  return Number(m[1]) * f;
};

/** Applies the objects; returns the lines kubectl prints and whether any failed. */
export function applyObjects(sim, store, objects, { namespace, fieldManager }) {
  const out = [];
  const errors = [];
  for (const object of objects) {
    const kind = object?.kind;
    if (!APPLICABLE.includes(kind)) {
      errors.push(`error: resource mapping not found for name: "${object?.metadata?.name}" namespace: "" from "STDIN": no matches for kind "${kind}" in version "${object?.apiVersion}"\nensure CRDs are installed first`);
      continue;
    }
    const name = object.metadata?.name;
    const gvk = `${object.apiVersion}, Kind=${kind}`;
    const problems = schemaProblems(sim.schemaDir, object);
    if (problems.length > 0) {
      errors.push(`Error from server: failed to create typed patch object (${namespace ?? 'default'}/${name}; ${gvk}): ${problems.join(', ')}`);
      continue;
    }
    const badName = nameProblem(object);
    if (badName) {
      errors.push(`The ${kind} "${name}" is invalid: ${badName}`);
      continue;
    }
    const ns = KINDS[kind].namespaced ? (object.metadata.namespace ?? namespace ?? 'default') : undefined;
    if (ns !== undefined) {
      if (namespace && object.metadata.namespace && namespace !== object.metadata.namespace) {
        errors.push(`error: the namespace from the provided object "${object.metadata.namespace}" does not match the namespace "${namespace}". You must pass '--namespace=${object.metadata.namespace}' to perform this operation.`);
        continue;
      }
      if (!store.get('Namespace', undefined, ns)) {
        errors.push(`Error from server (NotFound): namespaces "${ns}" not found`);
        continue;
      }
      object.metadata.namespace = ns;
    }
    const previous = store.get(kind, ns, name);
    if (kind === 'Pod') {
      const applied = applyPod(sim, store, previous, object, fieldManager);
      if (applied.error) errors.push(applied.error);
      else out.push(`${refText(kind, name)} serverside-applied`);
      continue;
    }
    const err = checkUpdate(kind, previous, object);
    if (err) {
      errors.push(err);
      continue;
    }
    const specChanged = !previous || JSON.stringify(previous.spec) !== JSON.stringify(object.spec);
    const stored = store.stamp(JSON.parse(JSON.stringify(object)), previous, specChanged);
    stored.metadata.managedFields = [{ manager: fieldManager, operation: 'Apply', apiVersion: object.apiVersion, time: stored.metadata.creationTimestamp, fieldsType: 'FieldsV1' }];
    if (kind === 'Secret' && stored.stringData) {
      stored.data = { ...(stored.data ?? {}), ...Object.fromEntries(Object.entries(stored.stringData).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')])) };
      delete stored.stringData;
    }
    if (kind === 'PersistentVolumeClaim') stored.status = { phase: 'Bound', accessModes: stored.spec.accessModes, capacity: { storage: stored.spec.resources?.requests?.storage } };
    if (kind === 'Deployment') {
      const annotations = { ...(previous?.metadata.annotations ?? {}), ...(stored.metadata.annotations ?? {}) };
      const changedTemplate = !previous || templateHash(previous.spec.template) !== templateHash(stored.spec.template);
      const revision = Number(previous?.metadata.annotations?.['sim.homelab-tui.io/revision'] ?? 0) + (changedTemplate ? 1 : 0);
      annotations['sim.homelab-tui.io/revision'] = String(revision);
      if (changedTemplate) annotations['sim.homelab-tui.io/progress-since'] = new Date().toISOString();
      stored.metadata.annotations = annotations;
    }
    if (kind === 'StatefulSet') stored.metadata.annotations = statefulSetAnnotations(previous, stored);
    store.put(stored);
    out.push(`${refText(kind, name)} serverside-applied`);
  }
  return { out, errors };
}

/** The StatefulSet spec fields an update may change (the API server's ValidateStatefulSetUpdate, v1.31). */
const STATEFULSET_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** JSON with object keys sorted, so two objects compare by content, not key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** What the API server refuses on an update: a smaller PVC, a changed selector, a StatefulSet's fixed fields. */
function checkUpdate(kind, previous, object) {
  if (!previous) return undefined;
  if (kind === 'PersistentVolumeClaim') {
    const was = quantityBytes(previous.spec.resources?.requests?.storage);
    const now = quantityBytes(object.spec?.resources?.requests?.storage);
    if (now < was) return `The PersistentVolumeClaim "${object.metadata.name}" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity`;
    if (previous.spec.storageClassName !== object.spec?.storageClassName) return `The PersistentVolumeClaim "${object.metadata.name}" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims`;
  }
  if (kind === 'StatefulSet') {
    const fixed = (spec) => canonical(Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => !STATEFULSET_MUTABLE.includes(k))));
    if (fixed(previous.spec) !== fixed(object.spec)) {
      return `The StatefulSet "${object.metadata.name}" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`;
    }
  }
  if (kind === 'Deployment' && JSON.stringify(previous.spec.selector) !== JSON.stringify(object.spec?.selector)) {
    return `The Deployment "${object.metadata.name}" is invalid: spec.selector: Invalid value: ${JSON.stringify(object.spec?.selector)}: field is immutable`;
  }
  return undefined;
}

/** A bare Pod: created, scheduled and started; applied again unchanged it stays, changed it is refused (a pod's spec is immutable but for a few fields). */
function applyPod(sim, store, previous, object, fieldManager) {
  if (previous) {
    if (JSON.stringify(previous.spec.containers) === JSON.stringify(object.spec.containers)) return {};
    return { error: `The Pod "${object.metadata.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)` };
  }
  const pod = store.stamp(JSON.parse(JSON.stringify(object)), undefined, true);
  pod.metadata.managedFields = [{ manager: fieldManager, operation: 'Apply', apiVersion: 'v1', time: pod.metadata.creationTimestamp, fieldsType: 'FieldsV1' }];
  pod.sim = {};
  placePod(sim, store, pod);
  return {};
}

/** Deletes one object and what it owns (a namespace: everything in it; a PVC: its local-path folder; a pod: its container). */
export function deleteObject(sim, store, kind, ns, name) {
  if (kind === 'Namespace') {
    for (const k of Object.keys(KINDS)) if (KINDS[k].namespaced && k !== 'Pod') for (const o of store.list(k, name)) deleteObject(sim, store, k, name, o.metadata.name);
    for (const pod of store.list('Pod', name)) if (pod.sim?.owner === undefined) deletePod(sim, store, pod);
  }
  if (kind === 'Pod') {
    const pod = store.get(kind, ns, name);
    if (pod) return deletePod(sim, store, pod);
  }
  if (kind === 'PersistentVolumeClaim') {
    const pvc = store.get(kind, ns, name);
    if (pvc) rmSync(pvcDir(sim, pvc), { recursive: true, force: true });
  }
  store.remove(kind, ns, name);
}
