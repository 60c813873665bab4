// kubectl SIMULATOR support: the resource names kubectl accepts and the kinds they stand for.

/** kind → how kubectl names it (resource, group, namespaced, short names). */
export const KINDS = {
  Namespace: { resource: 'namespaces', group: '', namespaced: false, names: ['namespace', 'namespaces', 'ns'] },
  Secret: { resource: 'secrets', group: '', namespaced: true, names: ['secret', 'secrets'] },
  ConfigMap: { resource: 'configmaps', group: '', namespaced: true, names: ['configmap', 'configmaps', 'cm'] },
  PersistentVolumeClaim: { resource: 'persistentvolumeclaims', group: '', namespaced: true, names: ['persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'] },
  Service: { resource: 'services', group: '', namespaced: true, names: ['service', 'services', 'svc'] },
  Deployment: { resource: 'deployments', group: 'apps', namespaced: true, names: ['deployment', 'deployments', 'deploy', 'deployment.apps', 'deployments.apps'] },
  StatefulSet: { resource: 'statefulsets', group: 'apps', namespaced: true, names: ['statefulset', 'statefulsets', 'sts'] },
  Ingress: { resource: 'ingresses', group: 'networking.k8s.io', namespaced: true, names: ['ingress', 'ingresses', 'ing', 'ingress.networking.k8s.io'] },
  Pod: { resource: 'pods', group: '', namespaced: true, names: ['pod', 'pods', 'po'] },
  Node: { resource: 'nodes', group: '', namespaced: false, names: ['node', 'nodes', 'no'] },
  StorageClass: { resource: 'storageclasses', group: 'storage.k8s.io', namespaced: false, names: ['storageclass', 'storageclasses', 'sc'] },
  IngressClass: { resource: 'ingressclasses', group: 'networking.k8s.io', namespaced: false, names: ['ingressclass', 'ingressclasses'] },
  Event: { resource: 'events', group: '', namespaced: true, names: ['event', 'events', 'ev'] },
};

/** The kind a kubectl resource word names, or undefined. */
export function kindOf(word) {
  const lower = word.toLowerCase();
  return Object.keys(KINDS).find((k) => KINDS[k].names.includes(lower));
}

/** `deployment.apps/labapp` as kubectl prints an object reference. */
export function refText(kind, name) {
  const { resource, group } = KINDS[kind];
  const singular = kind.toLowerCase();
  void resource;
  return `${singular}${group ? `.${group}` : ''}/${name}`;
}

/** `deployments.apps "labapp"` as kubectl's errors and delete lines name an object. */
export function quotedRef(kind, name) {
  const { resource, group } = KINDS[kind];
  return `${resource}${group ? `.${group}` : ''} "${name}"`;
}

/** The apiVersion a kind is served at. */
export function apiVersionOf(kind) {
  const { group } = KINDS[kind];
  return group ? `${group}/v1` : 'v1';
}
