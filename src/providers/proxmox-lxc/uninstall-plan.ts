import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { removeRecordStep } from '../../platform/deployments/record-step.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { containerRef, ensureOnThisNode } from './container-ref.js';
import { bindMountsOf, isMissingContainer, parseContainerConfig, parseContainerState } from './parse-container.js';
import { pct, pvePaths, pveshGet } from './pve-commands.js';
import { planDataRemoval } from '../../platform/deployments/data-removal.js';
import { ownedData } from '../../platform/deployments/data-ownership.js';
import { keptNoteActions, keptNotePath } from './data-mounts.js';
import { lxcProxyRemoval } from './proxy-site.js';

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
  const data = await planDataRemoval(ctx.runner, record, options.purge);
  const dataSteps = lxcDataSteps(ctx, record, ref, options.purge, data.step);
  const site = lxcProxyRemoval(record);
  const proxySteps = site ? [site] : [];
  const base = { kind: 'uninstall' as const, deployment: record.name, host: ctx.hostName, provider: 'proxmox-lxc', app: record.app, secrets: [], data: { removed: data.removed, kept: data.kept } };
  if (missing) return { ...base, steps: [...proxySteps, ...dataSteps, forget], notes: [`CT ${ref.vmid} no longer exists on ${ref.node}: only the record is removed.`, ...data.notes] };

  const config = await ctx.runner.run({ argv: pveshGet(pvePaths.containerConfig(ref.node, ref.vmid)), timeoutMs: 60_000 });
  const mounts = config.exitCode === 0 ? bindMountsOf(parseContainerConfig(config.stdout)) : [];
  const running = parseContainerState(status.stdout).status === 'running';
  const steps: PlanStep[] = [
    // The site goes first: Caddy stops answering for the name before the app behind it does.
    ...proxySteps,
    ...(running ? [{ id: 'stop', title: `Stop container ${ref.vmid}`, actions: [{ kind: 'run', command: { argv: pct.shutdown(ref.vmid, 60), timeoutMs: 120_000 } }] } as const] : []),
    {
      id: 'destroy',
      title: `Destroy container ${ref.vmid} (${ref.hostname})`,
      actions: [{ kind: 'run', command: { argv: pct.destroy(ref.vmid, { purge: options.purge }), timeoutMs: 600_000 } }],
    },
    ...dataSteps,
    forget,
  ];
  const own = new Set(ownedData(record).map((e) => e.path));
  return {
    ...base,
    steps,
    notes: [
      own.size > 0
        ? `The container's own disks go with it; the app's data is on bind mounts from the node, which destroy leaves.`
        : `The container's own disks go with it, and with them the app's data inside the container.`,
      ...data.notes,
      ...(options.purge ? [`--purge: volumes of id ${ref.vmid} that the config no longer references are destroyed too, and the id leaves backup, replication and HA jobs.`] : []),
      ...(mounts.some((m) => !own.has(m.hostPath)) ? [`Bind-mounted host folders stay as they are: ${mounts.filter((m) => !own.has(m.hostPath)).map((m) => m.hostPath).join(', ')}.`] : []),
    ],
  };
}

/**
 * The data after the container is gone: with purge, its data directories (planDataRemoval) and the
 * kept-data note go; without, a note on the node says what is kept where, for a later install.
 */
function lxcDataSteps(ctx: ProviderContext, record: DeploymentRecord, ref: { node: string; vmid: number }, purge: boolean, removal: PlanStep | undefined): PlanStep[] {
  // Only data homelab-tui made: the note tells a later install of the name to mount it again as its own,
  // which an adopted container's mount points (made by hand, created: false) are not.
  const entries = ownedData(record).filter((e) => e.created);
  if (entries.length === 0) return [];
  if (purge) {
    return [...(removal ? [removal] : []), { id: 'kept-note', title: `Remove the note of kept data`, actions: [{ kind: 'run', command: { argv: ['rm', '-f', '--', keptNotePath(record.name)] } }] }];
  }
  const mounts = entries.map((e) => ({ hostPath: e.path, guestPath: e.mount ?? '' }));
  return [{ id: 'kept-note', title: `Note the data kept on ${ref.node} for a later install of ${record.name}`, actions: keptNoteActions({ name: record.name, app: record.app, node: ref.node, vmid: ref.vmid, at: new Date(ctx.clock.now()).toISOString(), mounts }) }];
}
