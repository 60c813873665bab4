/** Errors the user can act on, failed commands, and bugs: the three kinds every layer throws. */

/** Bad input or an unreachable/misconfigured host: shown as a message and a hint, exit code 2 by default. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/** A command that ran and failed: argv, exit code, host and the tail of stderr. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly host: string,
    readonly stderrTail: string,
    readonly hint?: string,
  ) {
    super(
      `${argv.map(summarizeArgument).join(' ')} on ${host} ${exitCode === null ? 'did not finish' : `exited with ${exitCode}`}` +
        (stderrTail ? `: ${stderrTail}` : ''),
    );
  }
}

/** A script passed as one argument (`sh -c SCRIPT`) stands as its size in messages; `argv` keeps it whole. */
function summarizeArgument(arg: string): string {
  const lines = arg.split('\n').filter((l) => l.trim()).length;
  return arg.includes('\n') ? `<${lines}-line script>` : arg;
}

/** Anything unexpected: a broken invariant. Shown with a request to report it. */
export class BugError extends Error {
  override readonly name = 'BugError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The last `maxLines` non-empty lines of a command's stderr, for error messages. */
export function tailOf(text: string, maxLines = 5): string {
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l.length > 0);
  return lines.slice(-maxLines).join('\n');
}
