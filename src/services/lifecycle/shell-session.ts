import { UserError } from '../../platform/errors.js';
import { canRunInteractive, type TerminalIo } from '../../platform/runner/command-runner.js';
import { showCommand } from '../../platform/show-command.js';
import { hasShell } from '../../providers/provider.js';
import { providerOf, type OpenDeployment } from './lifecycle.js';

/** A shell ready to open where a deployment runs: what it runs (for the user to see) and how. */
export interface ShellSession {
  /** The command on the host, as a person would type it. */
  shown: string;
  /** Runs it with a terminal wired to `io`; the shell's exit code (null: the connection was lost). */
  run(io: TerminalIo): Promise<number | null>;
}

/**
 * The shell of `shell NAME [SERVICE]` and of the dashboard's key: the provider's command for the
 * deployment's container, guest or pod, run through the host's runner with a pty. Refuses in words
 * when the provider has no shell, the runner cannot give a terminal, or the service is not one of its.
 */
export async function prepareShell(deployment: OpenDeployment, service?: string): Promise<ShellSession> {
  const provider = providerOf(deployment);
  if (!hasShell(provider)) throw new UserError(`a shell is not available for ${deployment.record.provider} deployments in this version of homelab-tui`);
  const runner = deployment.ctx.runner;
  if (!canRunInteractive(runner)) throw new UserError(`${deployment.handle.name} cannot give a terminal`);
  const command = await provider.shellCommand(deployment.ctx, deployment.record, service);
  return { shown: showCommand(command.argv), run: (io) => runner.interactive(command, io) };
}
