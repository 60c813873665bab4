import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Command } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { SHELL_INSIDE } from '../shell.js';
import { openContainer } from './container-ref.js';
import { pct } from './pve-commands.js';

/** A shell in the deployment's guest: `pct exec VMID -- sh…` (lxc-attach keeps the terminal it is given). */
export async function lxcShellCommand(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined): Promise<Command> {
  const ref = await openContainer(ctx.runner, record, service, () => 'leave the service out: the shell is in the whole guest');
  return { argv: pct.exec(ref.vmid, [...SHELL_INSIDE]) };
}
