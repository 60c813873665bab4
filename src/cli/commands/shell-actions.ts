import { UserError } from '../../platform/errors.js';
import { canRunInteractive } from '../../platform/runner/command-runner.js';
import { showCommand } from '../../platform/show-command.js';
import { providerOf } from '../../services/lifecycle/lifecycle.js';
import { hasShell } from '../../providers/shell.js';
import type { CommandAction } from '../program.js';
import { openSession } from '../session.js';

/**
 * `shell NAME [SERVICE]`: an interactive shell in the deployment's container (compose: the main
 * service's, or SERVICE's), guest (LXC) or pod (k3s), through the host's SSH connection with a pty.
 * Needs a terminal; the exit code is the shell's.
 */
export const shellCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const [name = '', service] = args;
    const deployment = await session.lifecycle.find(name, typeof options.host === 'string' ? { host: options.host } : {});
    const provider = providerOf(deployment);
    if (!hasShell(provider)) throw new UserError(`a shell is not available for ${deployment.record.provider} deployments in this version of homelab-tui`);
    const runner = deployment.ctx.runner;
    if (!canRunInteractive(runner)) throw new UserError(`${deployment.handle.name} cannot give a terminal`);
    const command = await provider.shellCommand(deployment.ctx, deployment.record, service);
    if (!ctx.interactive) throw new UserError('shell needs a terminal (standard input and output are not one)', 'run it in a terminal, or use logs and status to look without one');
    process.stderr.write(`homelab-tui: ${showCommand(command.argv)} on ${deployment.handle.name} (exit the shell to come back)\n`);
    const code = await runner.interactive(command, { stdin: process.stdin, stdout: process.stdout });
    if (code === null) throw new UserError(`the shell on ${deployment.handle.name} ended without an exit code (the connection was lost?)`, undefined, 1);
    ctx.exitCode = code;
  } finally {
    await session.close();
  }
};
