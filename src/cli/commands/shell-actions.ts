import { UserError } from '../../platform/errors.js';
import { prepareShell } from '../../services/lifecycle/shell-session.js';
import type { CommandAction } from '../program.js';
import { abortOnInterrupt } from '../interrupt.js';
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
    const shell = await prepareShell(deployment, service);
    if (!ctx.interactive) throw new UserError('shell needs a terminal (standard input and output are not one)', 'run it in a terminal, or use logs and status to look without one');
    process.stderr.write(`homelab-tui: ${shell.shown} on ${deployment.handle.name} (exit the shell to come back)\n`);
    // Keys go to the remote shell raw (Ctrl-C included); a signal to this process (kill, a closed
    // terminal) hangs the shell up, so this terminal gets its mode back before the process ends.
    const controller = new AbortController();
    const release = abortOnInterrupt(controller);
    let code: number | null;
    try {
      code = await shell.run({ stdin: process.stdin, stdout: process.stdout, signal: controller.signal });
    } finally {
      release();
    }
    if (controller.signal.aborted) {
      process.stderr.write(`homelab-tui: the shell on ${deployment.handle.name} was hung up (${(controller.signal.reason as Error).message})\n`);
      ctx.exitCode = 130;
      return;
    }
    if (code === null) throw new UserError(`the shell on ${deployment.handle.name} ended without an exit code (the connection was lost?)`, undefined, 1);
    ctx.exitCode = code;
  } finally {
    await session.close();
  }
};
