import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Command } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { SHELL_INSIDE } from '../shell.js';
import { containerRef, ensureOnThisNode } from './container-ref.js';
import { pct } from './pve-commands.js';

/** A shell in the deployment's guest: `pct exec VMID -- sh…` (lxc-attach keeps the terminal it is given). */
export async function lxcShellCommand(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined): Promise<Command> {
  const ref = containerRef(record);
  // Its one service, as status names it (the container's hostname), or the app's unit inside: the guest.
  if (service !== undefined && service !== ref.hostname && service !== ref.service) {
    throw new UserError(`"${record.name}" has one service, its container ${ref.hostname}, not ${service}`, 'leave the service out: the shell is in the whole guest');
  }
  await ensureOnThisNode(ctx.runner, ref, record.name);
  return { argv: pct.exec(ref.vmid, [...SHELL_INSIDE]) };
}
