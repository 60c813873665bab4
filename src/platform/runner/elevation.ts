import { CommandError, tailOf } from '../errors.js';
import type { Command, RunResult } from './command-runner.js';

/**
 * The argv that runs `command` as root from a non-root login: `sudo -n -- env K=V argv…`. `-n` makes
 * sudo fail at once instead of asking for a password nobody can type; the variables go through `env`
 * after sudo because sudo resets the environment.
 */
export function elevatedArgv(command: Pick<Command, 'argv' | 'env'>): string[] {
  const env = Object.entries(command.env ?? {}).map(([name, value]) => `${name}=${value}`);
  return ['sudo', '-n', '--', ...(env.length > 0 ? ['env', ...env] : []), ...command.argv];
}

// What sudo prints when it cannot elevate without asking; the program itself never ran.
const SUDO_REFUSALS = [
  /^sudo: a password is required/m,
  /^sudo: a terminal is required/m,
  /^sudo: .*is not in the sudoers file/m,
  /^sudo: .*not allowed to execute/m,
  /(^|: )sudo: (command )?not found/m,
];

/** The sudoers line that lets `user` run commands as root without a password. */
export function sudoersHint(user: string): string {
  return (
    `let "${user}" run commands as root without a password: as root on that host run ` +
    `\`echo '${user} ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/homelab-tui && chmod 0440 /etc/sudoers.d/homelab-tui\`` +
    `, or connect as root (host option --user root)`
  );
}

/** A CommandError with the sudoers hint when an elevated command failed because sudo refused. */
export function elevationFailure(
  command: Pick<Command, 'argv'>,
  result: RunResult,
  host: string,
  user: string,
): CommandError | undefined {
  if (result.exitCode === 0 || !SUDO_REFUSALS.some((pattern) => pattern.test(result.stderr))) return undefined;
  return new CommandError(command.argv, result.exitCode, host, `sudo refused: ${tailOf(result.stderr, 2)}`, sudoersHint(user));
}
