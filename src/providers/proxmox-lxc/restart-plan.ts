import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan, PlanAction } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { openContainer } from './container-ref.js';
import { guestProbe } from './guest-probe.js';
import { RESTART_SCRIPT } from './guest-scripts.js';
import { pct } from './pve-commands.js';

/** Restarts the app's service inside its container (systemd or init script), then waits for its probe. */
export async function planLxcRestart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, healthTimeoutMs: number): Promise<Plan> {
  const ref = await openContainer(ctx.runner, record, service, (h) => `restart ${h}, or leave the service out`);
  const wait: PlanAction[] = ref.probe ? [{ kind: 'wait', check: guestProbe(ctx.runner, ref.probe, { node: ref.node, vmid: ref.vmid, address: ref.address }), timeoutMs: healthTimeoutMs, intervalMs: 2000 }] : [];
  return {
    kind: 'restart',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'proxmox-lxc',
    app: record.app,
    secrets: [],
    steps: [
      {
        id: 'restart',
        title: `Restart ${ref.service} in container ${ref.vmid}`,
        actions: [{ kind: 'run', command: { argv: pct.exec(ref.vmid, ['sh', '-c', RESTART_SCRIPT, 'sh', ref.service]), timeoutMs: 120_000 } }, ...wait],
      },
    ],
  };
}
