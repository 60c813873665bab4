import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { removeRecordStep } from '../../platform/deployments/record-step.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { kubectl, kubectlJson } from './kubectl.js';
import { deploymentSelector } from './labels.js';
import { listSchema } from './objects.js';
import { k3sRefs } from './refs.js';
import { planAdoptedUninstall } from './adopt/plan-uninstall.js';

/** What uninstall deletes by label; PVCs (the data) only with purge, and then the namespace. */
export const APPLIED_KINDS = 'deployments,statefulsets,services,ingresses,secrets,configmaps';

/**
 * Uninstall: deletes what the install applied (found by the deployment's labels), keeps the PVCs and
 * their namespace unless `purge`; with purge deletes the PVCs (local-path deletes their folders) and
 * the namespace. Nothing here can be undone, so no step has undo.
 */
export async function planK3sUninstall(ctx: ProviderContext, record: DeploymentRecord, purge: boolean): Promise<Plan> {
  const refs = k3sRefs(record);
  if (refs.adopted) return planAdoptedUninstall(ctx, record, purge);
  const selector = deploymentSelector(record.name);
  let claims: string[] = [];
  try {
    claims = listSchema.parse(await kubectlJson(ctx.runner, ['get', 'persistentvolumeclaims', '-n', refs.namespace, '-l', selector])).items.map((c) => `${refs.namespace}/${(c as { metadata?: { name?: string } }).metadata?.name ?? '?'}`);
  } catch {
    // a namespace already gone: nothing to list, the deletes below ignore what is missing
  }
  const steps: PlanStep[] = [
    { id: 'delete', title: `Delete the workloads, services, ingress and secrets in ${refs.namespace}`, actions: [{ kind: 'run', command: kubectl(['delete', APPLIED_KINDS, '-n', refs.namespace, '-l', selector, '--ignore-not-found'], { timeoutMs: 180_000 }) }] },
    ...(purge
      ? [
          {
            id: 'purge',
            title: `Delete the data (PVCs) and namespace ${refs.namespace}`,
            actions: [
              { kind: 'run' as const, command: kubectl(['delete', 'persistentvolumeclaims', '-n', refs.namespace, '-l', selector, '--ignore-not-found'], { timeoutMs: 180_000 }) },
              { kind: 'run' as const, command: kubectl(['delete', 'namespace', refs.namespace, '--ignore-not-found'], { timeoutMs: 180_000 }) },
            ],
          },
        ]
      : []),
    removeRecordStep(ctx.runner, record.name),
  ];
  return {
    kind: 'uninstall',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'k3s',
    app: record.app,
    steps,
    secrets: [],
    notes: claims.length ? [purge ? `deletes the PVCs ${claims.join(', ')} and namespace ${refs.namespace}` : `keeps the PVCs ${claims.join(', ')} in namespace ${refs.namespace} (uninstall --purge deletes them)`] : [],
    data: purge ? { removed: claims.map((c) => `pvc ${c}`) } : { kept: claims.map((c) => `pvc ${c}`) },
  };
}
