import type { K3sInputs } from './inputs.js';
import { deploymentLabels } from './labels.js';
import { isClaimed, isDatabaseService, names, workloadOf } from './workloads.js';

export { names } from './workloads.js';

/** One Kubernetes object as applied (plain JSON). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

/**
 * The objects an install applies, in apply order: the Namespace, per service its Secret (generated
 * secrets, never a ConfigMap or a command line), its PVCs on the chosen storage class, its workload
 * (a Deployment, or a StatefulSet for a database server, see workloads.ts), its Service and, for a
 * StatefulSet, the headless Service it names; then the Ingress for Traefik. Every object carries the
 * managed-by and instance labels.
 */
export function renderManifests(deployment: string, inputs: K3sInputs): K8sObject[] {
  const ns = inputs.namespace;
  const meta = (name: string, component?: string) => ({ name, namespace: ns, labels: deploymentLabels(deployment, component) });
  const objects: K8sObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: deploymentLabels(deployment) } }];
  for (const service of inputs.services) {
    const secretKeys = service.secretEnv.filter((key) => key in service.env);
    if (secretKeys.length > 0) {
      objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(names.secret(service.name), service.name), type: 'Opaque', stringData: Object.fromEntries(secretKeys.map((k) => [k, service.env[k] as string])) });
    }
    for (const volume of service.volumes.filter(isClaimed)) {
      objects.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta(names.pvc(service.name, volume.name), service.name),
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: inputs.storageClass, resources: { requests: { storage: volume.size } } },
      });
    }
    const ports = service.ports.map((p) => ({ name: p.name, port: p.container, targetPort: p.container, protocol: p.protocol.toUpperCase() }));
    objects.push(workloadOf(deployment, inputs, service, meta(names.workload(service.name), service.name)));
    if (service.ports.length > 0) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(service.name, service.name),
        spec: {
          selector: deploymentLabels(deployment, service.name),
          ports,
        },
      });
    }
    // A StatefulSet's pods get their DNS names (db-0.db-headless) from the headless Service its serviceName names; clients keep the plain Service.
    if (isDatabaseService(inputs, service.name)) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(names.headless(service.name), service.name),
        spec: {
          clusterIP: 'None',
          selector: deploymentLabels(deployment, service.name),
          ports,
        },
      });
    }
  }
  if (inputs.ingress) {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(names.ingress(deployment)),
      spec: {
        ingressClassName: 'traefik',
        rules: [{ host: inputs.ingress.host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: inputs.ingress.service, port: { number: inputs.ingress.port } } } }] } }],
      },
    });
  }
  return objects;
}

