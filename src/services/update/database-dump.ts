import { hasBackups } from '../../providers/provider.js';
import type { PlanAction } from '../../platform/plan/plan.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { DatabaseDump } from '../../platform/recipe/render/rendered.js';
import type { Command } from '../../platform/runner/command-runner.js';
import { openBackupSource } from '../backup/backup-source.js';
import { dumpTool, loadTool, WITH_PASSWORD } from '../backup/database-commands.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';
import { sqliteDumpFile, sqliteUpdateDump } from './sqlite-dump.js';

type ServerDump = Extract<DatabaseDump, { kind: 'postgres' | 'mysql' }>;

/**
 * The pre-update dump of a database server the app uses: kept on the deployment's host beside the
 * data archive (so a rollback, or an `undo` from another machine, finds it), with the tools of the
 * backup issue (pg_dump, mysqldump --single-transaction). `dump` and `load` take the password on their
 * first line of stdin, never on a command line.
 */
export interface DatabaseDumpFile {
  kind: ServerDump['kind'] | 'sqlite';
  /** The dump on the host (mode 0600), with its checksum in `file.sha256`. */
  file: string;
  dump: Command;
  load: Command;
  /** The password, for the plan's list of values never shown. */
  secrets: string[];
  /** Starts the database's own service alone before the load (a companion container, stopped with the app). */
  start?: Command;
  /** The host folders the database keeps its files in (a companion's volumes): the dump covers them, so the data archive leaves them out. */
  folders?: string[];
}

/** Why a recipe's database is not dumped before the update (the rollback then restores its data folders only). */
export type DumpGap = { gap: string };

/** Where the dump of an update whose data archive is `archive` goes. */
export function dumpPath(archive: string): string {
  return `${archive.replace(/\.tar\.gz$/, '')}.sql`;
}

// Dumps into "$file.part" (0600), checks the tool's closing line (a dump cut short has none), then
// renames it and records its checksum.
const DUMP_SCRIPT = [
  'set -e',
  WITH_PASSWORD,
  'file=$1; done_line=$2; shift 2',
  'trap \'rm -f -- "$file.part"\' EXIT',
  'mkdir -p -- "$(dirname -- "$file")"',
  'chmod 700 -- "$(dirname -- "$file")"',
  '(umask 077; "$@" > "$file.part")',
  'tail -n 5 -- "$file.part" | grep -q -- "$done_line" || { echo "the dump in $file.part is incomplete (no \\"$done_line\\" at its end)" >&2; exit 3; }',
  'mv -- "$file.part" "$file"',
  'sha256sum -- "$file" > "$file.sha256"',
  'echo "database dump $file: $(du -k -- "$file" | cut -f1) KiB, complete"',
].join('\n');

// Waits up to $wait seconds until the client ("$@") logs in (a database service started just now for
// the load); with 0 it tries once and the load that follows says why it cannot log in.
function untilReady(query: string): string {
  return `i=0; until "$@" ${query} </dev/null >/dev/null 2>&1; do i=$((i + 1)); [ "$i" -lt "$wait" ] || break; sleep 1; done`;
}

// PostgreSQL: checks the dump, then in one transaction drops the tables and views the current user
// owns that the dump does not hold (made after it, by the version rolled back), and loads the dump,
// whose --clean drops and recreates every object it holds: the schema and rows as they were dumped.
const PG_LOAD_SCRIPT = [
  'set -e',
  WITH_PASSWORD,
  'file=$1; wait=$2; shift 2',
  'sha256sum -c --status -- "$file.sha256" || { echo "$file does not match its checksum" >&2; exit 3; }',
  untilReady('-Atc "SELECT 1"'),
  `list=$("$@" -At -c "SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END || ' ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) = current_user AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")`,
  'drops=$(printf "%s\\n" "$list" | while read -r kind rest; do [ -n "$kind" ] || continue; [ "$kind" = MATERIALIZED ] && { kind="MATERIALIZED VIEW"; rest=${rest#VIEW }; }; grep -q -F -x -e "CREATE $kind $rest (" -e "CREATE $kind $rest AS" -- "$file" || printf "DROP %s IF EXISTS %s CASCADE;\\n" "$kind" "$rest"; done)',
  '[ -z "$drops" ] || printf "made after the dump, dropped: %s\\n" "$(printf "%s" "$drops" | tr "\\n" " ")"',
  '{ printf "%s\\n" "$drops"; cat -- "$file"; } | "$@" -1 -f -',
  'echo "database loaded from $file"',
].join('\n');

// MySQL/MariaDB: checks the dump, then, in the same session as the load, drops the tables and views
// of the database that the dump does not hold (made after it, by the version rolled back; mysqldump
// writes "CREATE TABLE `t` (" for a table and "VIEW `v` AS" for a view), and loads the dump, whose
// DROP TABLE IF EXISTS before each table puts every table it holds back as dumped. Foreign key checks
// are off for the drops, as the dump has them off for its own.
const MYSQL_LOAD_SCRIPT = [
  'set -e',
  WITH_PASSWORD,
  'file=$1; wait=$2; shift 2',
  'sha256sum -c --status -- "$file.sha256" || { echo "$file does not match its checksum" >&2; exit 3; }',
  untilReady('-N -B -e "SELECT 1"'),
  `list=$("$@" -N -B -e "SELECT IF(table_type = 'VIEW', 'VIEW', 'TABLE'), table_name FROM information_schema.tables WHERE table_schema = DATABASE()")`,
  'drops=$(printf "%s\\n" "$list" | while IFS="$(printf "\\t")" read -r kind name; do [ -n "$kind" ] || continue; q=$(printf "%s" "$name" | sed "s/\\`/\\`\\`/g"); if [ "$kind" = VIEW ]; then grep -q -F -e "VIEW \\`$q\\` AS" -- "$file"; else grep -q -F -x -e "CREATE TABLE \\`$q\\` (" -- "$file"; fi || printf "DROP %s IF EXISTS \\`%s\\`;\\n" "$kind" "$q"; done)',
  '[ -z "$drops" ] || printf "made after the dump, dropped: %s\\n" "$(printf "%s" "$drops" | tr "\\n" " ")"',
  '{ [ -z "$drops" ] || printf "SET FOREIGN_KEY_CHECKS=0;\\n%s\\nSET FOREIGN_KEY_CHECKS=1;\\n" "$drops"; cat -- "$file"; } | "$@"',
  'echo "database loaded from $file"',
].join('\n');

/** How long a database service started for the load gets to accept the login. */
const COMPANION_START_SECONDS = 120;

/**
 * The dump and load of `db` into `file`, run where the backup service runs its tools (`exec`: [] on
 * the host). `companion`: the database runs in a service of the deployment, started alone for the load.
 */
export function serverDumpFile(db: ServerDump, exec: readonly string[], file: string, companion?: { start: Command; folders: string[] }): DatabaseDumpFile {
  const dump = dumpTool(db, exec);
  const load = loadTool(db, exec);
  const { passwordEnv: name, password } = dump;
  const closing = db.kind === 'postgres' ? 'PostgreSQL database dump complete' : 'Dump completed';
  return {
    kind: db.kind,
    file,
    dump: { argv: ['sh', '-c', DUMP_SCRIPT, 'dump', name, file, closing, ...dump.argv], stdin: `${password}\n`, timeoutMs: 60 * 60_000 },
    load: { argv: ['sh', '-c', db.kind === 'postgres' ? PG_LOAD_SCRIPT : MYSQL_LOAD_SCRIPT, 'load', name, file, String(companion ? COMPANION_START_SECONDS : 0), ...load.argv], stdin: `${password}\n`, timeoutMs: 60 * 60_000 },
    secrets: password ? [password] : [],
    ...(companion ? { start: companion.start, folders: companion.folders } : {}),
  };
}

/**
 * The dump an update takes of the deployment's database server, or why none is taken: none for an
 * app without a database; for SQLite, a consistent copy with sqlite3 `.backup` (sqlite-dump.ts; a gap
 * when the host has no sqlite3: the file is then in the data archive, copied while the app runs); a gap for a database inside the deployment (its container is replaced by the update, so a
 * load into it would need the new container). Reads the password back from the host.
 */
export async function updateDatabaseDump(deployment: OpenDeployment, recipe: Recipe, file: string, options: { taken?: boolean } = {}): Promise<DatabaseDumpFile | DumpGap | undefined> {
  const section = recipe[deployment.record.provider] as { backup?: { database?: readonly unknown[] } } | undefined;
  if (!section?.backup?.database?.length) return undefined;
  if (!hasBackups(providerOf(deployment))) return { gap: `${recipe.id} keeps a database this provider cannot dump: a rollback restores its data folders only` };
  const source = await openBackupSource(deployment, recipe);
  const db = source.backup.database;
  if (!db) return undefined;
  if (db.kind === 'sqlite') {
    const hostFile = source.access.sqliteHostPath;
    if (!hostFile) return { gap: `${recipe.id} keeps a SQLite database that is not on a folder of the host: it is in the data backup, copied while the app runs` };
    // A copy already taken (an undo) is loaded with cp, whatever tools the host has now.
    return options.taken ? sqliteDumpFile(hostFile, file) : sqliteUpdateDump(deployment.handle.runner, recipe.id, hostFile, file.replace(/\.sql$/, '.sqlite'));
  }
  if (db.service) {
    // Dumped in its container; loaded after the rollback's down with that service started alone.
    const start = source.access.databaseStart;
    if (!start) return { gap: `${recipe.id}'s database runs inside the deployment (${db.service}), which this provider cannot start alone for a load: a rollback restores its data folders only` };
    return serverDumpFile(db, source.access.databaseExec, file, { start, folders: db.hostPaths ?? [] });
  }
  return serverDumpFile(db, source.access.databaseExec, file);
}

/** The action that takes the dump (the update stops when it fails or comes out incomplete). */
export function dumpAction(dump: DatabaseDumpFile): PlanAction {
  return { kind: 'run', command: dump.dump, description: `dump the ${dump.kind} database into ${dump.file} (one consistent snapshot), check it is complete and record its checksum` };
}

/**
 * The actions that put the database back as dumped (run while the app is stopped, before the old
 * version starts): a companion's service started alone first, then the load.
 */
export function loadActions(dump: DatabaseDumpFile): PlanAction[] {
  const load: PlanAction = {
    kind: 'run',
    command: dump.load,
    description:
      dump.kind === 'sqlite'
        ? `check ${dump.file} and put it back over the SQLite file (its journal files removed)`
        : `check ${dump.file}, ${dump.start ? 'wait until the database accepts the login, ' : ''}drop the tables and views made after it, load it${dump.kind === 'postgres' ? ' (one transaction)' : ''}`,
  };
  return dump.start ? [{ kind: 'run', command: dump.start, description: 'start the database service alone, to load the dump into' }, load] : [load];
}
