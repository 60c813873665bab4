import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { rolloutCheck } from './checks.js';
import { kubectl } from './kubectl.js';
import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import { workloadRef } from './objects.js';
import { readWorkloads } from './read-workloads.js';
import { k3sRefs, type AdoptedWorkload } from './refs.js';

/**
 * `deployment/NAME` or `statefulset/NAME` for each service, as the cluster holds it now (a database
 * server is a StatefulSet; one installed by an older homelab-tui is a Deployment). A workload that is
 * not there is named as a Deployment: kubectl then says it is not found.
 */
export async function workloadRefs(runner: CommandRunner, namespace: string, deployment: string, services: readonly string[], adopted?: readonly AdoptedWorkload[]): Promise<string[]> {
  const { workloads } = await readWorkloads(runner, namespace, deployment, adopted);
  return services.map((s) => {
    const found = workloads.find((w) => w.metadata.name === s);
    return found ? workloadRef(found) : `deployment/${s}`;
  });
}

/** `kubectl rollout restart` of every workload (or one service's), then a wait for the rollouts. */
export async function planK3sRestart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: K3sSettings): Promise<Plan> {
  const refs = k3sRefs(record);
  if (service !== undefined && !refs.serviceList.includes(service)) throw new UserError(`"${record.name}" has no service "${service}"`, `its services: ${refs.serviceList.join(', ')}`);
  const targets = service ? [service] : refs.serviceList;
  const workloads = await workloadRefs(ctx.runner, refs.namespace, record.name, targets, refs.adopted);
  return {
    kind: 'restart',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'k3s',
    app: record.app,
    steps: [
      { id: 'restart', title: `Restart ${targets.join(', ')}`, actions: workloads.map((w) => ({ kind: 'run' as const, command: kubectl(['rollout', 'restart', w, '-n', refs.namespace]) })) },
      { id: 'rollout', title: 'Wait for the rollout', actions: [{ kind: 'wait', check: rolloutCheck(ctx.runner, refs.namespace, record.name, targets, refs.adopted), timeoutMs: settings.rolloutTimeoutSeconds * 1000, intervalMs: 2000 }] },
    ],
    secrets: [],
  };
}
