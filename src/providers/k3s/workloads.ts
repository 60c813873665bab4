import type { RenderedService, RenderedVolume } from '../../platform/recipe/render/rendered.js';
import type { K3sInputs } from './inputs.js';
import { deploymentLabels } from './labels.js';
import type { K8sObject } from './manifests.js';

/** Names of a deployment's objects in its namespace (Services keep the service names so `db` resolves). */
export const names = {
  workload: (service: string) => service,
  secret: (service: string) => `${service}-env`,
  pvc: (service: string, volume: string) => `${service}-${volume}`,
  /** The headless Service a StatefulSet's `serviceName` names (its pods' DNS identity: db-0.db-headless). */
  headless: (service: string) => `${service}-headless`,
  ingress: (deployment: string) => deployment,
};

/** A volume that lives in a PVC (data and cache); `shared` ones are hostPath folders several deployments use. */
export function isClaimed(volume: RenderedVolume): boolean {
  return volume.kind !== 'shared';
}

/**
 * Whether a service is a database server: the recipe's backup dumps a PostgreSQL or MySQL database
 * that this service of the deployment runs (`backup.database[].service`, e.g. Vikunja's `db` when
 * db_mode is embedded). Such a service runs as a StatefulSet.
 */
export function isDatabaseService(inputs: Pick<K3sInputs, 'backup'>, service: string): boolean {
  const dump = inputs.backup.database;
  return dump !== undefined && dump.kind !== 'sqlite' && dump.service === service;
}

/** Where the workloads may run: pinned by `kubernetes.io/arch` when the recipe's images are built for some architectures only. */
function placementOf(inputs: K3sInputs): { nodeSelector?: Record<string, string>; affinity?: unknown } {
  const archs = inputs.architectures;
  if (!archs) return {};
  if (archs.length === 1) return { nodeSelector: { 'kubernetes.io/arch': archs[0] as string } };
  return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: archs }] }] } } } };
}

function podTemplate(deployment: string, inputs: K3sInputs, service: RenderedService): Record<string, unknown> {
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
  return { metadata: { labels }, spec: { ...placementOf(inputs), containers: [container], ...(volumes.length ? { volumes } : {}) } };
}

/**
 * A service's workload. A database server is a StatefulSet (one pod with a stable name, NAME-0, and
 * a stable DNS identity through its headless Service; OrderedReady never runs two copies of the
 * database on one volume). Its data is the deployment's own named PVC, as for a Deployment, not a
 * volumeClaimTemplate: uninstall keeps and purge deletes it by the same labels, pvc-backup copies it,
 * a reinstall reuses it by the same name, and its size may grow later (a StatefulSet's
 * volumeClaimTemplates can never change). Anything else is a Deployment (Recreate when it mounts a
 * PVC: local-path volumes are ReadWriteOnce).
 */
export function workloadOf(deployment: string, inputs: K3sInputs, service: RenderedService, metadata: K8sObject['metadata']): K8sObject {
  const selector = { matchLabels: deploymentLabels(deployment, service.name) };
  const template = podTemplate(deployment, inputs, service);
  if (isDatabaseService(inputs, service.name)) {
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata,
      spec: { replicas: 1, serviceName: names.headless(service.name), selector, updateStrategy: { type: 'RollingUpdate' }, template },
    };
  }
  const claimsVolume = service.volumes.some(isClaimed);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: { replicas: 1, selector, strategy: claimsVolume ? { type: 'Recreate' } : { type: 'RollingUpdate' }, progressDeadlineSeconds: 120, template },
  };
}
