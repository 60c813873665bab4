import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Command } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { SHELL_INSIDE } from '../shell.js';
import { kubectl } from './kubectl.js';
import { readWorkloads } from './read-workloads.js';
import { k3sRefs } from './refs.js';

/** `kubectl exec -it -n NS pod/POD -- sh…` into a running pod of the main workload (or `service`'s). */
export async function k3sShellCommand(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined): Promise<Command> {
  const refs = k3sRefs(record);
  if (service !== undefined && !refs.serviceList.includes(service)) throw new UserError(`"${record.name}" has no service "${service}"`, `its services: ${refs.serviceList.join(', ')}`);
  const wanted = service ?? refs.main;
  const pods = (await readWorkloads(ctx.runner, refs.namespace, record.name, refs.adopted)).pods.filter(
    (p) => p.metadata.labels?.['app.kubernetes.io/component'] === wanted && p.status?.phase === 'Running',
  );
  const pod = pods[0];
  if (!pod) throw new UserError(`${wanted} of "${record.name}" has no running pod in namespace ${refs.namespace} on ${ctx.hostName}: there is nothing to open a shell in`, 'see homelab-tui status');
  return kubectl(['exec', '-it', '-n', refs.namespace, `pod/${pod.metadata.name}`, '--', ...SHELL_INSIDE]);
}
