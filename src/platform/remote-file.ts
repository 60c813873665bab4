import { CommandError, tailOf } from './errors.js';
import type { Command, CommandRunner } from './runner/command-runner.js';

// The content travels on stdin and the path as a positional argument, so neither is ever parsed by a
// shell; the temp file sits beside the target so the final rename is atomic on the same file system.
const WRITE_SCRIPT = 'set -e; umask 077; t="$1.hl-tmp.$$"; cat > "$t"; chmod "$2" "$t"; mv -f "$t" "$1"';

/** The command writeRemoteFile runs, as data (tests expect it exactly). */
export function writeFileCommand(path: string, content: string, mode = 0o644): Command {
  return { argv: ['sh', '-c', WRITE_SCRIPT, 'sh', path, mode.toString(8).padStart(4, '0')], stdin: content };
}

/**
 * Writes a file on the runner's host atomically (temp file + rename) with an exact mode. Used for
 * compose files, `.env` files (0600) and deployment records, locally and over SSH alike.
 */
export async function writeRemoteFile(runner: CommandRunner, path: string, content: string, mode = 0o644): Promise<void> {
  const result = await runner.run(writeFileCommand(path, content, mode));
  if (result.exitCode !== 0) {
    throw new CommandError(['write', path], result.exitCode, runner.host, tailOf(result.stderr));
  }
}

/** Reads a file on the runner's host; `undefined` when it does not exist. */
export async function readRemoteFile(runner: CommandRunner, path: string): Promise<string | undefined> {
  const result = await runner.run({ argv: ['sh', '-c', 'if [ -e "$1" ]; then cat -- "$1"; else exit 3; fi', 'sh', path] });
  if (result.exitCode === 3) return undefined;
  if (result.exitCode !== 0) throw new CommandError(['read', path], result.exitCode, runner.host, tailOf(result.stderr));
  return result.stdout;
}
