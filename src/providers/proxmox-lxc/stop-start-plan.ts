import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Plan, PlanAction } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { containerRef, ensureOnThisNode, type ContainerRef } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import { SERVICE_ACTION_SCRIPT } from './guest-scripts.js';
import { pct } from './pve-commands.js';

/** How long a clean shutdown may take before it becomes a hard stop. */
const SHUTDOWN_TIMEOUT_SECONDS = 60;

/**
 * Stops the deployment: without a service the whole container (`pct shutdown`, a clean shutdown
 * that becomes a hard stop after a minute); with its service, only that service inside the guest.
 * Undo starts it again.
 */
export async function planLxcStop(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined): Promise<Plan> {
  const ref = await openContainer(ctx, record, service, 'stop');
  const { stop, start } = commands(ref, service !== undefined);
  return {
    kind: 'stop',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'proxmox-lxc',
    app: record.app,
    secrets: [],
    steps: [{ id: 'stop', title: service === undefined ? `Stop container ${ref.vmid}` : `Stop ${ref.service} in container ${ref.vmid}`, actions: [stop], undo: [start] }],
  };
}

/** Starts the container (or its service inside the running guest), then waits for the app's probe. Undo stops it again. */
export async function planLxcStart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, healthTimeoutMs: number): Promise<Plan> {
  const ref = await openContainer(ctx, record, service, 'start');
  const { stop, start } = commands(ref, service !== undefined);
  const wait: PlanAction[] = ref.probe ? [{ kind: 'wait', check: guestProbe(ctx.runner, ref.probe, { node: ref.node, vmid: ref.vmid, address: ref.address }), timeoutMs: healthTimeoutMs, intervalMs: 2000 }] : [];
  return {
    kind: 'start',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'proxmox-lxc',
    app: record.app,
    secrets: [],
    steps: [{ id: 'start', title: service === undefined ? `Start container ${ref.vmid}` : `Start ${ref.service} in container ${ref.vmid}`, actions: [start, ...wait], undo: [stop] }],
  };
}

async function openContainer(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, verb: string): Promise<ContainerRef> {
  const ref = containerRef(record);
  if (service !== undefined && service !== ref.service) {
    throw new UserError(`"${record.name}" has one service, ${ref.service}, not ${service}`, `${verb} ${ref.service}, or leave the service out to ${verb} the whole container`);
  }
  await ensureOnThisNode(ctx.runner, ref, record.name);
  return ref;
}

function commands(ref: ContainerRef, inGuest: boolean): { stop: PlanAction; start: PlanAction } {
  if (inGuest) {
    const action = (verb: 'stop' | 'start'): PlanAction => ({ kind: 'run', command: { argv: pct.exec(ref.vmid, ['sh', '-c', SERVICE_ACTION_SCRIPT, 'sh', verb, ref.service]), timeoutMs: 120_000 } });
    return { stop: action('stop'), start: action('start') };
  }
  return {
    stop: { kind: 'run', command: { argv: pct.shutdown(ref.vmid, SHUTDOWN_TIMEOUT_SECONDS), timeoutMs: (SHUTDOWN_TIMEOUT_SECONDS + 60) * 1000 } },
    start: { kind: 'run', command: { argv: pct.start(ref.vmid), timeoutMs: 120_000 } },
  };
}
