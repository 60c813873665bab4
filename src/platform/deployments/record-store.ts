import { CommandError, tailOf } from '../errors.js';
import { HOST_DEPLOYMENTS_DIR } from '../operation/host-state.js';
import { writeRemoteFile } from '../remote-file.js';
import type { Command, CommandRunner } from '../runner/command-runner.js';
import { deploymentRecordSchema, type DeploymentRecord } from './deployment-record.js';

/** A record file that could not be read, reported rather than silently skipped. */
export interface BrokenRecord {
  path: string;
  problem: string;
}

// One compact JSON document per file and per line, so all records come back in one round trip. One
// awk joins every file's lines (a `tr` per file cost a process each: about 1 s for 50 records on a
// loaded host); the shell's own tests keep a directory out of awk, and an empty or unreadable file
// comes back as its path alone, which the parser reports as broken.
const LIST_SCRIPT = [
  'd="$1"; shift',
  'for f in "$d"/*.json; do if [ -f "$f" ] && [ -r "$f" ] && [ -s "$f" ]; then set -- "$@" "$f"; elif [ -f "$f" ]; then printf \'%s\\t\\n\' "$f"; fi; done',
  '[ $# -gt 0 ] || exit 0',
  'exec awk \'FNR == 1 { if (NR > 1) print ""; printf "%s\\t", FILENAME } { printf "%s", $0 } END { if (NR > 0) print "" }\' "$@"',
].join('\n');

export function recordPath(name: string, dir = HOST_DEPLOYMENTS_DIR): string {
  return `${dir}/${name}.json`;
}

/** Writes (or replaces) a deployment's record on its host, atomically. */
export async function writeRecord(runner: CommandRunner, record: DeploymentRecord, dir = HOST_DEPLOYMENTS_DIR, ensureDir = true): Promise<void> {
  const mkdir = ensureDir ? await runner.run({ argv: ['mkdir', '-p', dir] }) : { exitCode: 0, stderr: '' };
  if (mkdir.exitCode !== 0) throw new CommandError(['mkdir', '-p', dir], mkdir.exitCode, runner.host, tailOf(mkdir.stderr));
  await writeRemoteFile(runner, recordPath(record.name, dir), `${JSON.stringify(deploymentRecordSchema.parse(record))}\n`, 0o600);
}

/** The command listRecords runs, as data (tests expect it exactly). */
export function listRecordsCommand(dir = HOST_DEPLOYMENTS_DIR): Command {
  return { argv: ['sh', '-c', LIST_SCRIPT, 'sh', dir] };
}

/** Reads every record on a host; unreadable files come back as `broken` with the reason. */
export async function listRecords(runner: CommandRunner, dir = HOST_DEPLOYMENTS_DIR): Promise<{ records: DeploymentRecord[]; broken: BrokenRecord[] }> {
  const result = await runner.run(listRecordsCommand(dir));
  if (result.exitCode !== 0) throw new CommandError(['list records', dir], result.exitCode, runner.host, tailOf(result.stderr));
  return parseRecordListing(result.stdout);
}

/** Parses `path<TAB>json` lines (pure, for tests). */
export function parseRecordListing(text: string): { records: DeploymentRecord[]; broken: BrokenRecord[] } {
  const records: DeploymentRecord[] = [];
  const broken: BrokenRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const path = line.slice(0, tab);
    try {
      const parsed = deploymentRecordSchema.safeParse(JSON.parse(line.slice(tab + 1)));
      if (parsed.success) records.push(parsed.data);
      else broken.push({ path, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    } catch (error) {
      broken.push({ path, problem: `not JSON: ${(error as Error).message}` });
    }
  }
  return { records, broken };
}

/** Removes a record (after an uninstall). */
export async function removeRecord(runner: CommandRunner, name: string, dir = HOST_DEPLOYMENTS_DIR): Promise<void> {
  await runner.run({ argv: ['rm', '-f', '--', recordPath(name, dir)] });
}

/** One deployment's record on a host, or undefined when it has none. */
export async function readRecord(runner: CommandRunner, name: string, dir = HOST_DEPLOYMENTS_DIR): Promise<DeploymentRecord | undefined> {
  const { records } = await listRecords(runner, dir);
  return records.find((r) => r.name === name);
}
