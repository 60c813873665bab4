import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { rolloutCheck, serviceProbeCheck } from './checks.js';
import type { K3sInputs } from './inputs.js';
import { kubectl, kubectlJson } from './kubectl.js';
import { deploymentSelector, FIELD_MANAGER } from './labels.js';
import { listSchema } from './objects.js';
import { APPLIED_KINDS } from './plan-uninstall.js';
import { renderManifests, type K8sObject } from './manifests.js';
import type { K3sRefs } from './refs.js';


/** `kubectl apply --server-side` of these objects (JSON on stdin: secrets never on a command line). */
export function applyAction(objects: readonly K8sObject[], what: string): PlanStep['actions'][number] {
  const list = { apiVersion: 'v1', kind: 'List', items: objects };
  return {
    kind: 'run',
    command: kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--force-conflicts', '-f', '-'], { stdin: JSON.stringify(list), timeoutMs: 120_000 }),
    description: `kubectl apply --server-side ${what}: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`,
  };
}

/** Waits for every workload's rollout, then the app's probe through its Service. */
export function healthSteps(ctx: ProviderContext, deployment: string, inputs: Pick<K3sInputs, 'namespace' | 'services' | 'health' | 'app'>, settings: K3sSettings): PlanStep[] {
  const timeoutMs = settings.rolloutTimeoutSeconds * 1000;
  const services = inputs.services.map((s) => s.name);
  const steps: PlanStep[] = [
    { id: 'rollout', title: 'Wait for the rollout', actions: [{ kind: 'wait', check: rolloutCheck(ctx.runner, inputs.namespace, deployment, services), timeoutMs, intervalMs: 2000 }] },
  ];
  const probe = inputs.health;
  if (probe.kind === 'http') {
    steps.push({
      id: 'probe',
      title: `Check that ${inputs.app} answers`,
      actions: [{ kind: 'wait', check: serviceProbeCheck(ctx.runner, inputs.namespace, probe.service, probe.port, probe.path, probe.bodyContains), timeoutMs, intervalMs: 2000 }],
    });
  }
  return steps;
}

/**
 * The install plan: apply the namespace and every object server-side (undo deletes the namespace,
 * which preflight found free), wait for the rollout by kubectl's rules, probe the app through its
 * Service, write the record.
 */
export async function planK3sInstall(ctx: ProviderContext, request: { name: string; inputs: K3sInputs; record: DeploymentRecord }, settings: K3sSettings): Promise<Plan> {
  const { name, inputs } = request;
  const objects = renderManifests(name, inputs);
  const record = installedRecord(request);
  const kept = await keptClaims(ctx, inputs.namespace, objects);
  const steps: PlanStep[] = [
    {
      id: 'apply',
      title: `Apply the manifests in namespace ${inputs.namespace}`,
      actions: [applyAction(objects, `(field manager ${FIELD_MANAGER})`)],
      // A namespace that held kept data stays, with its PVCs: undo deletes only what this install added.
      undo: kept.existed
        ? [{ kind: 'run', command: kubectl(['delete', APPLIED_KINDS, '-n', inputs.namespace, '-l', deploymentSelector(name), '--ignore-not-found'], { timeoutMs: 120_000 }) }]
        : [{ kind: 'run', command: kubectl(['delete', 'namespace', inputs.namespace, '--ignore-not-found'], { timeoutMs: 120_000 }) }],
      creates: [`namespace ${inputs.namespace}`, ...objects.filter((o) => o.kind !== 'Namespace').map((o) => `${o.kind} ${o.metadata.name}`)],
    },
    ...healthSteps(ctx, name, inputs, settings),
    writeRecordStep(ctx.runner, record),
  ];
  const claims = objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name);
  return {
    kind: 'install',
    deployment: name,
    host: ctx.hostName,
    provider: 'k3s',
    app: inputs.app,
    steps,
    secrets: inputs.secretValues,
    notes: [
      `k3s: namespace ${inputs.namespace}, objects labelled app.kubernetes.io/instance=${name}, applied server-side by ${FIELD_MANAGER}`,
      ...record.urls.map((url) => `open ${url}`),
      ...kept.claims.map((c) => `reuses the kept PVC ${inputs.namespace}/${c}`),
      ...(claims.length ? [`data stays in the PVCs ${claims.join(', ')} on ${inputs.storageClass} (uninstall keeps them; uninstall --purge deletes them)`] : []),
    ],
    data: { reused: kept.claims.map((c) => `pvc ${inputs.namespace}/${c}`) },
  };
}

/** Whether the namespace exists already (preflight allows only one holding kept data), and which of the install's PVCs it holds. */
async function keptClaims(ctx: ProviderContext, namespace: string, objects: readonly K8sObject[]): Promise<{ existed: boolean; claims: string[] }> {
  const ns = await ctx.runner.run(kubectl(['get', 'namespace', namespace, '--ignore-not-found', '-o', 'json']));
  if (ns.exitCode !== 0 || ns.stdout.trim() === '') return { existed: false, claims: [] };
  const present = listSchema.parse(await kubectlJson(ctx.runner, ['get', 'persistentvolumeclaims', '-n', namespace])).items.map((c) => (c as { metadata?: { name?: string } }).metadata?.name);
  const wanted = objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name);
  return { existed: true, claims: wanted.filter((w) => present.includes(w)) };
}

function installedRecord(request: { name: string; inputs: K3sInputs; record: DeploymentRecord }): DeploymentRecord {
  const { inputs, record } = request;
  const refs: K3sRefs = {
    namespace: inputs.namespace,
    services: inputs.services.map((s) => s.name).join(','),
    main: inputs.services[0]?.name ?? inputs.health.service,
    probeService: inputs.health.service,
    probePort: inputs.health.port,
  };
  return {
    ...record,
    refs: { ...record.refs, ...refs, ...(inputs.health.kind === 'http' ? { probePath: inputs.health.path, ...(inputs.health.bodyContains !== undefined ? { probeBody: inputs.health.bodyContains } : {}) } : {}) },
    urls: inputs.ingress ? [`http://${inputs.ingress.host}/`] : record.urls,
  };
}
