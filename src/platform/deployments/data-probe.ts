import { CommandError, tailOf } from '../errors.js';
import type { PlanAction } from '../plan/plan.js';
import type { CommandRunner } from '../runner/command-runner.js';
import { createdParents } from './data-ownership.js';
import type { DataEntry } from './deployment-record.js';

/** A data path on a host before an install: there already (holding files or empty), or to be made from `root` down. */
export interface DataPathState {
  path: string;
  exists: boolean;
  /** There and not empty (a file, or a folder with entries). */
  holdsFiles: boolean;
  /** When missing: the topmost folder that making it adds (the path itself when its parent exists). */
  root?: string;
}

// One round trip for every path: `path<TAB>exists<TAB>holds files<TAB>topmost missing folder`.
const SCRIPT =
  'for p in "$@"; do if [ -e "$p" ]; then h=0; if [ ! -d "$p" ] || [ -n "$(ls -A -- "$p" 2>/dev/null | head -n 1)" ]; then h=1; fi; ' +
  'printf "%s\\t1\\t%s\\t\\n" "$p" "$h"; else q=$p; while [ ! -e "$(dirname -- "$q")" ]; do q=$(dirname -- "$q"); done; ' +
  'printf "%s\\t0\\t0\\t%s\\n" "$p" "$q"; fi; done';

export const dataProbeArgv = (paths: readonly string[]): string[] => ['sh', '-c', SCRIPT, 'sh', ...paths];

/** Parses the probe's lines (pure). */
export function parseDataProbe(output: string): DataPathState[] {
  return output
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [path = '', exists = '0', holds = '0', root = ''] = line.split('\t');
      return { path, exists: exists === '1', holdsFiles: holds === '1', ...(exists !== '1' && root ? { root } : {}) };
    });
}

/** Asks the host about every data path at once. */
export async function probeDataPaths(runner: CommandRunner, paths: readonly string[]): Promise<DataPathState[]> {
  if (paths.length === 0) return [];
  const result = await runner.run({ argv: dataProbeArgv(paths), timeoutMs: 30_000 });
  if (result.exitCode !== 0) throw new CommandError(['sh', '-c', '<data path check>', ...paths], result.exitCode, runner.host, tailOf(result.stderr));
  return parseDataProbe(result.stdout);
}

/** The record's entries from the probe: made by this install when missing now. */
export function dataEntries(states: readonly DataPathState[]): DataEntry[] {
  return states.map((s) => ({ path: s.path, created: !s.exists, ...(s.root && s.root !== s.path ? { root: s.root } : {}) }));
}

/** What the review says of each path: "creates X" or "uses existing X (holds files)". */
export function describeDataPath(state: DataPathState): string {
  if (!state.exists) return `creates ${state.path}`;
  return `uses existing ${state.path} (${state.holdsFiles ? 'holds files' : 'empty'})`;
}

// Removes each folder only when empty; a failure stops nothing (the folder holds something: it stays).
const RMDIR_IF_EMPTY = 'for d in "$@"; do rmdir -- "$d" 2>/dev/null || true; done';

/**
 * Removes the folders of created entries: with `all`, whatever they hold (they were made by this
 * deployment or this very operation), else only while still empty; then the folders their creation
 * added above them, when empty. Entries that were there before are never touched.
 */
export function removeCreatedActions(entries: readonly DataEntry[], options: { all: boolean }): PlanAction[] {
  const created = entries.filter((e) => e.created);
  if (created.length === 0) return [];
  const parents = [...new Set(created.flatMap(createdParents))].sort((a, b) => b.length - a.length);
  const paths = created.map((e) => e.path);
  const actions: PlanAction[] = [];
  if (options.all) actions.push({ kind: 'run', command: { argv: ['rm', '-rf', '--', ...paths] } });
  const emptyOnes = [...new Set(options.all ? parents : [...paths, ...parents])].sort((a, b) => b.length - a.length);
  if (emptyOnes.length > 0) {
    actions.push({ kind: 'run', command: { argv: ['sh', '-c', RMDIR_IF_EMPTY, 'sh', ...emptyOnes] }, description: `remove ${emptyOnes.join(', ')} if empty` });
  }
  return actions;
}
