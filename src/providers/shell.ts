import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { Command } from '../platform/runner/command-runner.js';
import type { ProviderContext } from './provider.js';

/**
 * Can open an interactive shell where a deployment runs (its container, guest or pod): the command to
 * run on its host with a terminal. The CLI runs it through the host's runner with a pty.
 */
export interface Shells {
  shellCommand(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Command>;
}

/** What runs inside: bash where the image or guest has it, else sh (busybox and Alpine images have only sh). */
export const SHELL_INSIDE = ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'] as const;
