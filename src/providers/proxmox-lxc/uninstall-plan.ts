import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { removeRecordStep } from '../../platform/deployments/record-step.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { containerRef, ensureOnThisNode } from './container-ref.js';
import { bindMountsOf, isMissingContainer, parseContainerConfig, parseContainerState } from './parse-container.js';
import { pct, pvePaths, pveshGet } from './pve-commands.js';

/**
 * Stop (when running), destroy, forget. `purge` also destroys volumes of this id that the config no
 * longer references and drops the id from backup, replication and HA jobs. Bind-mounted host
 * folders are never touched: PVE only destroys volumes it allocated.
 */
export async function planLxcUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan> {
  const ref = containerRef(record);
  await ensureOnThisNode(ctx.runner, ref, record.name);
  const statusArgv = pveshGet(pvePaths.containerStatus(ref.node, ref.vmid));
  const status = await ctx.runner.run({ argv: statusArgv, timeoutMs: 60_000 });
  const missing = status.exitCode !== 0 && isMissingContainer(status.stderr);
  if (status.exitCode !== 0 && !missing) throw new CommandError(statusArgv, status.exitCode, ctx.runner.host, tailOf(status.stderr));
  const forget = removeRecordStep(ctx.runner, record.name);
  const base = { kind: 'uninstall' as const, deployment: record.name, host: ctx.hostName, provider: 'proxmox-lxc', app: record.app, secrets: [] };
  if (missing) return { ...base, steps: [forget], notes: [`CT ${ref.vmid} no longer exists on ${ref.node}: only the record is removed.`] };

  const config = await ctx.runner.run({ argv: pveshGet(pvePaths.containerConfig(ref.node, ref.vmid)), timeoutMs: 60_000 });
  const mounts = config.exitCode === 0 ? bindMountsOf(parseContainerConfig(config.stdout)) : [];
  const running = parseContainerState(status.stdout).status === 'running';
  const steps: PlanStep[] = [
    ...(running ? [{ id: 'stop', title: `Stop container ${ref.vmid}`, actions: [{ kind: 'run', command: { argv: pct.shutdown(ref.vmid, 60), timeoutMs: 120_000 } }] } as const] : []),
    {
      id: 'destroy',
      title: `Destroy container ${ref.vmid} (${ref.hostname})`,
      actions: [{ kind: 'run', command: { argv: pct.destroy(ref.vmid, { purge: options.purge }), timeoutMs: 600_000 } }],
    },
    forget,
  ];
  return {
    ...base,
    steps,
    notes: [
      `The container's own disks go with it, and with them the app's data inside the container.`,
      ...(options.purge ? [`--purge: volumes of id ${ref.vmid} that the config no longer references are destroyed too, and the id leaves backup, replication and HA jobs.`] : []),
      ...(mounts.length > 0 ? [`Bind-mounted host folders stay as they are: ${mounts.map((m) => m.hostPath).join(', ')}.`] : []),
    ],
  };
}
