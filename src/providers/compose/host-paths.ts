import { CommandError, tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';

/** A path on the host: whether it exists, and the free space of the file system that holds it (or would). */
export interface HostPath {
  path: string;
  exists: boolean;
  availableBytes: number;
  mountPoint: string;
}

// For a path that does not exist yet, df asks about its nearest existing parent: where it will be made.
const SCRIPT =
  'for p in "$@"; do q=$p; while [ ! -e "$q" ]; do q=$(dirname "$q"); done; e=0; [ -e "$p" ] && e=1; ' +
  'df -Pk "$q" | awk -v p="$p" -v e="$e" \'NR==2 {print p "\\t" e "\\t" $4 "\\t" $6}\'; done';

export const hostPathsArgv = (paths: readonly string[]): string[] => ['sh', '-c', SCRIPT, 'sh', ...paths];

/** Parses `path<TAB>exists<TAB>availableKiB<TAB>mountPoint` lines (pure). */
export function parseHostPaths(output: string): HostPath[] {
  return output
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [path = '', exists = '0', kib = '0', mountPoint = ''] = line.split('\t');
      return { path, exists: exists === '1', availableBytes: Number(kib) * 1024, mountPoint };
    });
}

/** Asks the host about several paths in one round trip. */
export async function readHostPaths(runner: CommandRunner, paths: readonly string[]): Promise<HostPath[]> {
  if (paths.length === 0) return [];
  const argv = hostPathsArgv(paths);
  const result = await runner.run({ argv, timeoutMs: 30_000 });
  if (result.exitCode !== 0) throw new CommandError(['sh', '-c', '<path check>', ...paths], result.exitCode, runner.host, tailOf(result.stderr));
  return parseHostPaths(result.stdout);
}
