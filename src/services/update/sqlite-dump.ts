import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { DatabaseDumpFile, DumpGap } from './database-dump.js';

// SQLite's online backup (sqlite3 `.backup`, https://sqlite.org/backup.html) copies the database as one
// consistent snapshot while the app writes; the copy must pass `PRAGMA integrity_check` before its
// checksum is recorded, so a rollback never loads a torn file. The path is ours (the host's backups
// folder and a deployment name), so it needs no quoting inside the dot-command.
const SQLITE_DUMP_SCRIPT = [
  'set -e',
  'db=$1; file=$2',
  'trap \'rm -f -- "$file.part"\' EXIT',
  '[ -f "$db" ] || { echo "the SQLite database $db is missing" >&2; exit 3; }',
  'mkdir -p -- "$(dirname -- "$file")"',
  'chmod 700 -- "$(dirname -- "$file")"',
  '(umask 077; sqlite3 -cmd ".timeout 10000" "$db" ".backup \'$file.part\'")',
  'ok=$(sqlite3 "$file.part" "PRAGMA integrity_check")',
  '[ "$ok" = ok ] || { echo "the copy of $db fails its integrity check: $ok" >&2; exit 3; }',
  'mv -- "$file.part" "$file"',
  'sha256sum -- "$file" > "$file.sha256"',
  'echo "database copy $file: $(du -k -- "$file" | cut -f1) KiB, one consistent snapshot (sqlite3 .backup), integrity ok"',
].join('\n');

// Puts the copy back over the database (the app is stopped), with the owner and mode the file has
// (the data archive restored them just before), and removes its journal files: a WAL left from the
// failed version would otherwise be replayed into the old database.
const SQLITE_LOAD_SCRIPT = [
  'set -e',
  'db=$1; file=$2',
  'sha256sum -c --status -- "$file.sha256" || { echo "$file does not match its checksum" >&2; exit 3; }',
  'mkdir -p -- "$(dirname -- "$db")"',
  'cp -- "$file" "$db.hl-restore"',
  'if [ -e "$db" ]; then chown --reference="$db" "$db.hl-restore"; chmod --reference="$db" "$db.hl-restore"; else chown --reference="$(dirname -- "$db")" "$db.hl-restore" 2>/dev/null || true; fi',
  'mv -f -- "$db.hl-restore" "$db"',
  'rm -f -- "$db-wal" "$db-shm" "$db-journal"',
  'echo "database $db put back from $file"',
].join('\n');

/** The copy and load of a SQLite database at `hostFile` (on the host) into `file`. */
export function sqliteDumpFile(hostFile: string, file: string): DatabaseDumpFile {
  return {
    kind: 'sqlite',
    file,
    dump: { argv: ['sh', '-c', SQLITE_DUMP_SCRIPT, 'sqlite-dump', hostFile, file], timeoutMs: 60 * 60_000 },
    load: { argv: ['sh', '-c', SQLITE_LOAD_SCRIPT, 'sqlite-load', hostFile, file], timeoutMs: 60 * 60_000 },
    secrets: [],
  };
}

/**
 * The update's SQLite copy, when the host has sqlite3 to make it; else why not (the data archive
 * then holds the file as copied while the app ran, as the plan warns).
 */
export async function sqliteUpdateDump(runner: CommandRunner, app: string, hostFile: string, file: string): Promise<DatabaseDumpFile | DumpGap> {
  const found = await runner.run({ argv: ['sh', '-c', 'command -v sqlite3'], timeoutMs: 30_000 });
  if (found.exitCode !== 0) return { gap: `${app} keeps a SQLite database and this host has no sqlite3 for a consistent copy: it is in the data backup, copied while the app runs (install sqlite3 on the host to copy it consistently)` };
  return sqliteDumpFile(hostFile, file);
}
