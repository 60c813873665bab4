import { commandCheck } from '../../platform/health/command-check.js';
import { allOf, type HealthCheck } from '../../platform/health/health-check.js';
import type { PlanAction } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import type { ContainerRef } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import { READY_SCRIPT } from './guest-scripts.js';
import { pct } from './pve-commands.js';

// The checks an update of a container waits on: the container running as the node sees it, and the
// app's probe at its address. Shared by the in-place update and the copy beside it (blue-green).

/** The container is running, as the node sees it (`pct status`). */
function runningCheck(ctx: ProviderContext, ref: ContainerRef): HealthCheck {
  return commandCheck({
    runner: ctx.runner,
    command: { argv: ['sh', '-c', 'pct status "$1" | grep -qx "status: running"', 'sh', String(ref.vmid)], timeoutMs: 60_000 },
    description: `CT ${ref.vmid} is running`,
    hint: `read its start log: pct start ${ref.vmid} --debug`,
  });
}

/** The health gate on one container: running, and the app's probe answering at its address. */
export function gateAction(ctx: ProviderContext, ref: ContainerRef, timeoutMs: number): Extract<PlanAction, { kind: 'wait' }> {
  const checks = [runningCheck(ctx, ref), ...(ref.probe ? [guestProbe(ctx.runner, ref.probe, { node: ref.node, vmid: ref.vmid, address: ref.address })] : [])];
  return { kind: 'wait', check: allOf(checks), timeoutMs, intervalMs: 2000 };
}

/** `pct start`, then the wait until the guest has booted and has an IPv4 address. */
export function startActions(ctx: ProviderContext, ref: ContainerRef): PlanAction[] {
  const booted = commandCheck({ runner: ctx.runner, command: { argv: pct.exec(ref.vmid, ['sh', '-c', READY_SCRIPT]), timeoutMs: 30_000 }, description: `CT ${ref.vmid} has booted and has an IPv4 address` });
  return [
    { kind: 'run', command: { argv: pct.start(ref.vmid), timeoutMs: 120_000 } },
    { kind: 'wait', check: booted, timeoutMs: 120_000, intervalMs: 1000 },
  ];
}
