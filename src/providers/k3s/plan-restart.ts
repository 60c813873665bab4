import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { rolloutCheck } from './checks.js';
import { kubectl } from './kubectl.js';
import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import { k3sRefs } from './refs.js';

/** `kubectl rollout restart` of every workload (or one service's), then a wait for the rollouts. */
export async function planK3sRestart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: K3sSettings): Promise<Plan> {
  const refs = k3sRefs(record);
  if (service !== undefined && !refs.serviceList.includes(service)) throw new UserError(`"${record.name}" has no service "${service}"`, `its services: ${refs.serviceList.join(', ')}`);
  const targets = service ? [service] : refs.serviceList;
  return {
    kind: 'restart',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'k3s',
    app: record.app,
    steps: [
      { id: 'restart', title: `Restart ${targets.join(', ')}`, actions: targets.map((t) => ({ kind: 'run' as const, command: kubectl(['rollout', 'restart', `deployment/${t}`, '-n', refs.namespace]) })) },
      { id: 'rollout', title: 'Wait for the rollout', actions: [{ kind: 'wait', check: rolloutCheck(ctx.runner, refs.namespace, record.name, targets), timeoutMs: settings.rolloutTimeoutSeconds * 1000, intervalMs: 2000 }] },
    ],
    secrets: [],
  };
}
