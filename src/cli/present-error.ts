import { BugError, CommandError, UserError } from '../platform/errors.js';

/** Exit codes: 0 ok, 1 an operation failed, 2 bad usage or bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Turns any thrown value into the text a user sees and the exit code; a stack only with --debug. */
export function presentError(error: unknown, debug: boolean): { text: string; exitCode: number } {
  if (error instanceof UserError) {
    return { text: withHint(`error: ${error.message}`, error.hint), exitCode: error.exitCode };
  }
  if (error instanceof CommandError) {
    const text = withHint(`error: ${error.message}`, error.hint);
    return { text: debug ? `${text}\n${error.stack ?? ''}` : text, exitCode: EXIT_FAILED };
  }
  const bug = error instanceof Error ? error : new BugError(String(error));
  const label = error instanceof BugError ? 'internal error' : 'unexpected error';
  const text = debug
    ? `${label}: ${bug.message}\n${bug.stack ?? ''}`
    : `${label}: ${bug.message}\nhint: this is a bug in homelab-tui; run again with --debug for details and report it`;
  return { text, exitCode: EXIT_FAILED };
}

function withHint(text: string, hint: string | undefined): string {
  return hint ? `${text}\nhint: ${hint}` : text;
}
