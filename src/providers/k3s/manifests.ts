import type { RenderedService, RenderedVolume } from '../../platform/recipe/render/rendered.js';
import type { K3sInputs } from './inputs.js';
import { deploymentLabels } from './labels.js';

/** One Kubernetes object as applied (plain JSON). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

/** Names of a deployment's objects in its namespace (Services keep the service names so `db` resolves). */
export const names = {
  workload: (service: string) => service,
  secret: (service: string) => `${service}-env`,
  pvc: (service: string, volume: string) => `${service}-${volume}`,
  ingress: (deployment: string) => deployment,
};

/** Where the workloads may run: pinned by `kubernetes.io/arch` when the recipe's images are built for some architectures only. */
function placementOf(inputs: K3sInputs): { nodeSelector?: Record<string, string>; affinity?: unknown } {
  const archs = inputs.architectures;
  if (!archs) return {};
  if (archs.length === 1) return { nodeSelector: { 'kubernetes.io/arch': archs[0] as string } };
  return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: archs }] }] } } } };
}

/**
 * The objects an install applies, in apply order: the Namespace, per service its Secret (generated
 * secrets, never a ConfigMap or a command line), its PVCs on the chosen storage class, its Deployment
 * (Recreate when it mounts a PVC: local-path volumes are ReadWriteOnce) and its Service, then the
 * Ingress for Traefik. Every object carries the managed-by and instance labels.
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
    objects.push(workload(deployment, inputs, service, meta(names.workload(service.name), service.name)));
    if (service.ports.length > 0) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(service.name, service.name),
        spec: {
          selector: deploymentLabels(deployment, service.name),
          ports: service.ports.map((p) => ({ name: p.name, port: p.container, targetPort: p.container, protocol: p.protocol.toUpperCase() })),
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

function isClaimed(volume: RenderedVolume): boolean {
  return volume.kind !== 'shared';
}

function workload(deployment: string, inputs: K3sInputs, service: RenderedService, metadata: K8sObject['metadata']): K8sObject {
  const labels = deploymentLabels(deployment, service.name);
  const secretKeys = new Set(service.secretEnv);
  const env = Object.entries(service.env).map(([name, value]) =>
    secretKeys.has(name) ? { name, valueFrom: { secretKeyRef: { name: names.secret(service.name), key: name } } } : { name, value },
  );
  const probe = inputs.health;
  const readiness =
    probe.service === service.name
      ? probe.kind === 'http'
        ? { httpGet: { path: probe.path, port: probe.port }, periodSeconds: 5, failureThreshold: 3 }
        : { tcpSocket: { port: probe.port }, periodSeconds: 5, failureThreshold: 3 }
      : undefined;
  const user = service.user?.split(':');
  const container = {
    name: service.name,
    image: service.image,
    ...(service.command ? { args: service.command } : {}),
    ...(env.length ? { env } : {}),
    ...(service.ports.length ? { ports: service.ports.map((p) => ({ name: p.name.slice(0, 15), containerPort: p.container, protocol: p.protocol.toUpperCase() })) } : {}),
    ...(service.volumes.length ? { volumeMounts: service.volumes.map((v) => ({ name: v.name, mountPath: v.containerPath, readOnly: v.readOnly })) } : {}),
    ...(readiness ? { readinessProbe: readiness } : {}),
    ...(user && /^\d+$/.test(user[0] ?? '') ? { securityContext: { runAsUser: Number(user[0]), ...(user[1] && /^\d+$/.test(user[1]) ? { runAsGroup: Number(user[1]) } : {}) } } : {}),
  };
  const volumes = service.volumes.map((v) =>
    isClaimed(v) ? { name: v.name, persistentVolumeClaim: { claimName: names.pvc(service.name, v.name) } } : { name: v.name, hostPath: { path: v.hostPath ?? v.containerPath, type: 'Directory' } },
  );
  const claimsVolume = service.volumes.some(isClaimed);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: claimsVolume ? { type: 'Recreate' } : { type: 'RollingUpdate' },
      progressDeadlineSeconds: 120,
      template: {
        metadata: { labels },
        spec: {
          ...placementOf(inputs),
          containers: [container],
          ...(volumes.length ? { volumes } : {}),
        },
      },
    },
  };
}
