import type { Command, CommandRunner } from '../../platform/runner/command-runner.js';
import { CommandError, UserError, tailOf } from '../../platform/errors.js';

/**
 * kubectl on the host, over the host's SSH connection: k3s installs `kubectl` (a link to k3s) that
 * reads /etc/rancher/k3s/k3s.yaml, which only root may read, so every call is elevated (sudo -n for
 * a non-root login). No kubeconfig leaves the host (see docs/k3s.md).
 */
export function kubectl(args: readonly string[], options: { stdin?: string; timeoutMs?: number } = {}): Command {
  return { argv: ['kubectl', ...args], elevated: true, timeoutMs: options.timeoutMs ?? 60_000, ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) };
}

/** Runs kubectl and parses its JSON; a failure is a CommandError with kubectl's message. */
export async function kubectlJson<T>(runner: CommandRunner, args: readonly string[]): Promise<T> {
  const command = kubectl([...args, '-o', 'json']);
  const result = await runner.run(command);
  if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr), 'check the cluster on the host: kubectl get nodes');
  if (result.stdout.trim() === '') return { items: [] } as T;
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new UserError(`kubectl on ${runner.host} printed something that is not JSON for: kubectl ${args.join(' ')}`, 'check that kubectl on the host is a real kubectl (or k3s kubectl)');
  }
}
