import { UserError } from '../errors.js';
import type { Command } from './command-runner.js';

/**
 * The one place a command becomes a shell line. SSH `exec` takes a string that the login shell parses,
 * so every argument goes into single quotes, where a POSIX shell (sh, dash, bash, ash, zsh) treats
 * every byte literally; the only character needing care is the quote itself, written as '\''.
 * Login shells that are not POSIX (fish, csh) are not supported.
 */
export function quoteShellArg(value: string): string {
  assertShellSafe(value);
  // Plain words stay readable in plans and logs; `=` is left out because zsh expands a leading `=word`.
  if (/^[A-Za-z0-9_@%+:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Several arguments as one line of shell words (for scripts and for showing commands in plans). */
export function quoteShellWords(args: readonly string[]): string {
  return args.map(quoteShellArg).join(' ');
}

/**
 * Builds the line an SSH server runs for a Command: `cd DIR && exec env K=V argv…`. `exec` replaces the
 * shell so a signal sent to the session reaches the program itself. `env` is used because sshd drops
 * most variables a client sends (AcceptEnv).
 */
export function buildShellLine(command: Pick<Command, 'argv' | 'env' | 'cwd'>): string {
  if (command.argv.length === 0) throw new UserError('cannot run an empty command');
  const parts: string[] = ['exec'];
  const env = Object.entries(command.env ?? {});
  if (env.length > 0) {
    parts.push('env');
    for (const [name, value] of env) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new UserError(`invalid environment variable name "${name}"`, 'names are letters, digits and _, not starting with a digit');
      }
      parts.push(quoteShellArg(`${name}=${value}`));
    }
    // A program name containing "=" would be taken by env as one more assignment.
    if (command.argv[0]?.includes('=')) throw new UserError(`invalid program name "${command.argv[0]}"`);
  }
  parts.push(...command.argv.map(quoteShellArg));
  const line = parts.join(' ');
  return command.cwd === undefined ? line : `cd -- ${quoteShellArg(command.cwd)} && ${line}`;
}

/** NUL cannot travel in an argument, and a lone UTF-16 surrogate has no bytes to send: refuse both. */
function assertShellSafe(value: string): void {
  if (value.includes('\0')) throw new UserError('an argument contains a NUL character, which no command can receive');
  if (/[\uD800-\uDFFF]/u.test(value)) throw new UserError('an argument contains invalid Unicode (a lone surrogate)');
}
