import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan, PlanAction } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { openContainer, type ContainerRef } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import { pct } from './pve-commands.js';

/** How long a clean shutdown may take before it becomes a hard stop. */
const SHUTDOWN_TIMEOUT_SECONDS = 60;

/**
 * Stops the container (`pct shutdown`, a clean shutdown that becomes a hard stop after a minute).
 * Its one service, as status names it (the container's hostname), is the container itself. Undo starts it again.
 */
export async function planLxcStop(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined): Promise<Plan> {
  const ref = await openContainer(ctx.runner, record, service, (h) => `stop ${h}, or leave the service out`);
  const { stop, start } = commands(ref);
  return {
    kind: 'stop',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'proxmox-lxc',
    app: record.app,
    secrets: [],
    steps: [{ id: 'stop', title: `Stop container ${ref.vmid}`, actions: [stop], undo: [start] }],
  };
}

/** Starts the container, then waits for the app's probe. Undo stops it again. */
export async function planLxcStart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, healthTimeoutMs: number): Promise<Plan> {
  const ref = await openContainer(ctx.runner, record, service, (h) => `start ${h}, or leave the service out`);
  const { stop, start } = commands(ref);
  const wait: PlanAction[] = ref.probe ? [{ kind: 'wait', check: guestProbe(ctx.runner, ref.probe, { node: ref.node, vmid: ref.vmid, address: ref.address }), timeoutMs: healthTimeoutMs, intervalMs: 2000 }] : [];
  return {
    kind: 'start',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'proxmox-lxc',
    app: record.app,
    secrets: [],
    steps: [{ id: 'start', title: `Start container ${ref.vmid}`, actions: [start, ...wait], undo: [stop] }],
  };
}

function commands(ref: ContainerRef): { stop: PlanAction; start: PlanAction } {
  return {
    stop: { kind: 'run', command: { argv: pct.shutdown(ref.vmid, SHUTDOWN_TIMEOUT_SECONDS), timeoutMs: (SHUTDOWN_TIMEOUT_SECONDS + 60) * 1000 } },
    start: { kind: 'run', command: { argv: pct.start(ref.vmid), timeoutMs: 120_000 } },
  };
}
