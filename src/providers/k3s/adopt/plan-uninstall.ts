import type { DeploymentRecord } from '../../../platform/deployments/deployment-record.js';
import { removeRecordStep } from '../../../platform/deployments/record-step.js';
import type { Plan } from '../../../platform/plan/plan.js';
import type { ProviderContext } from '../../provider.js';
import { kubectl } from '../kubectl.js';
import { k3sRefs } from '../refs.js';

/**
 * Uninstall of an adopted deployment: its workloads and the Services and Ingress around them, by the
 * names the record keeps (they carry no homelab-tui labels). Its PVCs, Secrets and namespace stay,
 * with --purge too: homelab-tui did not create them (as an adopted compose project's or container's
 * data), so deleting them is left to whoever did.
 */
export async function planAdoptedUninstall(ctx: ProviderContext, record: DeploymentRecord, purge: boolean): Promise<Plan> {
  const refs = k3sRefs(record);
  const objects = [...(refs.adopted ?? []).map((a) => `${a.kind.toLowerCase()}/${a.name}`), ...(refs.adoptedObjects ?? '').split(',').filter(Boolean).map((o) => o.replace(/^[^/]+/, (kind) => kind.toLowerCase()))];
  const claims = (refs.adoptedClaims ?? '').split(',').filter(Boolean).map((c) => `${refs.namespace}/${c}`);
  return {
    kind: 'uninstall',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'k3s',
    app: record.app,
    steps: [
      { id: 'delete', title: `Delete ${objects.join(', ')} in ${refs.namespace}`, actions: [{ kind: 'run', command: kubectl(['delete', ...objects, '-n', refs.namespace, '--ignore-not-found'], { timeoutMs: 180_000 }) }] },
      removeRecordStep(ctx.runner, record.name),
    ],
    secrets: [],
    notes: [
      ...(claims.length ? [`keeps the PVCs ${claims.join(', ')}${purge ? ' even with --purge' : ''}: ${record.name} was adopted and homelab-tui did not create them (kubectl delete pvc removes them)`] : []),
      `keeps namespace ${refs.namespace} and any Secret or ConfigMap in it: homelab-tui did not create them`,
    ],
    data: { kept: claims.map((c) => `pvc ${c}`) },
  };
}
