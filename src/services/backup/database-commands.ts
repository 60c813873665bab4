import type { DatabaseDump } from '../../platform/recipe/render/rendered.js';
import type { Command } from '../../platform/runner/command-runner.js';

/** The password variable each server's client tools read (never on a command line). */
const PASSWORD_ENV = { postgres: 'PGPASSWORD', mysql: 'MYSQL_PWD' } as const;

/**
 * Puts the first line of stdin into the variable named $1 and exports it, then the script goes on with
 * the rest of its arguments: a password reaches the tool without ever being on a command line (where
 * `ps` on the host shows it, for as long as a `sudo` around the command lives).
 */
export const WITH_PASSWORD = 'name=$1; shift; IFS= read -r value || true; export "$name=$value"; unset value';

// mariadb-dump / mariadb are the names MariaDB 11 ships; mysqldump / mysql elsewhere.
const MYSQL_TOOL = 'a=$1; b=$2; shift 2; if command -v "$a" >/dev/null 2>&1; then exec "$a" "$@"; fi; exec "$b" "$@"';

type ServerDump = Extract<DatabaseDump, { kind: 'postgres' | 'mysql' }>;

/** A database tool as argv, run where the database tools are, and the password it reads from `passwordEnv`. */
export interface DatabaseTool {
  argv: string[];
  passwordEnv: string;
  password: string;
}

/**
 * `argv` where the database tools are: on the host (`exec` empty) or in a container (`docker exec -i
 * -e PGPASSWORD ID …`, the engine passing the variable by name from its own environment).
 */
function beside(exec: readonly string[], argv: string[], passwordEnv: string, password: string): DatabaseTool {
  if (exec.length === 0) return { argv, passwordEnv, password };
  const id = exec[exec.length - 1] ?? '';
  return { argv: [...exec.slice(0, -1), '-e', passwordEnv, id, ...argv], passwordEnv, password };
}

/** The tool as a command that takes its password from the first line of stdin (a load's dump follows it: see Command.stdin). */
export function withPassword(tool: DatabaseTool): Command {
  return { argv: ['sh', '-c', `${WITH_PASSWORD}; exec "$@"`, 'with-password', tool.passwordEnv, ...tool.argv], stdin: `${tool.password}\n` };
}

/** A consistent dump to stdout: pg_dump (one snapshot), mysqldump --single-transaction. */
export function dumpTool(db: ServerDump, exec: readonly string[]): DatabaseTool {
  if (db.kind === 'postgres') {
    return beside(exec, ['pg_dump', '-h', db.host, '-p', String(db.port), '-U', db.user, '--clean', '--if-exists', '--no-owner', '--no-privileges', db.database], PASSWORD_ENV.postgres, db.password);
  }
  return beside(exec, ['sh', '-c', MYSQL_TOOL, 'sh', 'mariadb-dump', 'mysqldump', '--single-transaction', '--routines', '--triggers', '--no-tablespaces', '-h', db.host, '-P', String(db.port), '-u', db.user, db.database], PASSWORD_ENV.mysql, db.password);
}

/** The client that loads a dump from stdin (the dump drops what it creates first, so the database ends up as dumped). */
export function loadTool(db: ServerDump, exec: readonly string[]): DatabaseTool {
  if (db.kind === 'postgres') {
    return beside(exec, ['psql', '-q', '-v', 'ON_ERROR_STOP=1', '-h', db.host, '-p', String(db.port), '-U', db.user, '-d', db.database], PASSWORD_ENV.postgres, db.password);
  }
  return beside(exec, ['sh', '-c', MYSQL_TOOL, 'sh', 'mariadb', 'mysql', '-h', db.host, '-P', String(db.port), '-u', db.user, db.database], PASSWORD_ENV.mysql, db.password);
}

/** The dump as a command (its stdout is the dump; the password on stdin). */
export function dumpCommand(db: ServerDump, exec: readonly string[]): Command {
  return withPassword(dumpTool(db, exec));
}

/** The load as a command: the password line, then the dump, on stdin. */
export function loadCommand(db: ServerDump, exec: readonly string[]): Command {
  return withPassword(loadTool(db, exec));
}

/** A query that answers once the server accepts the app's login (to wait for a database that is starting). */
export function readyCommand(db: ServerDump, exec: readonly string[]): Command {
  const load = loadTool(db, exec);
  return withPassword({ ...load, argv: [...load.argv, ...readyQuery(db.kind)] });
}

/** The arguments that make the load command's client run `SELECT 1` and exit. */
export function readyQuery(kind: ServerDump['kind']): string[] {
  return kind === 'postgres' ? ['-Atc', 'SELECT 1'] : ['-N', '-B', '-e', 'SELECT 1'];
}

/** The dump tool's version line. */
export function dumpToolVersionCommand(db: ServerDump, exec: readonly string[]): Command {
  const tool = db.kind === 'postgres' ? beside(exec, ['pg_dump', '--version'], PASSWORD_ENV.postgres, '') : beside(exec, ['sh', '-c', MYSQL_TOOL, 'sh', 'mariadb-dump', 'mysqldump', '--version'], PASSWORD_ENV.mysql, '');
  return { argv: tool.argv };
}

/** What the manifest calls the method. */
export function dumpMethod(db: ServerDump): string {
  return db.kind === 'postgres' ? 'pg_dump' : 'mysqldump --single-transaction';
}

/** SQLite's online backup into `copy` (consistent while the app writes), when sqlite3 is on the host. */
export function sqliteBackupCommand(file: string, copy: string): Command {
  return { argv: ['sqlite3', file, `.backup '${copy.replace(/'/g, "''")}'`], elevated: true, timeoutMs: 30 * 60_000 };
}

/** Streams a file's bytes to stdout. */
export function catCommand(file: string): Command {
  return { argv: ['cat', '--', file], elevated: true };
}

/**
 * Replaces a SQLite file with the bytes on stdin: written beside it, owned like its folder, renamed
 * over it; its journal files go (they belong to the old file).
 */
export function sqliteLoadCommand(file: string): Command {
  return {
    argv: ['sh', '-c', 'set -e; d=$(dirname "$1"); mkdir -p "$d"; t="$1.hl-restore"; cat > "$t"; chown --reference="$d" "$t" 2>/dev/null || true; mv -f "$t" "$1"; rm -f "$1-wal" "$1-shm" "$1-journal"', 'sh', file],
    elevated: true,
  };
}

/** A tar of a folder's content to stdout, leaving out `exclude` (paths relative to the folder). */
export function tarFolderCommand(folder: string, exclude: readonly string[]): Command {
  return { argv: ['tar', '-C', folder, '--numeric-owner', ...exclude.flatMap((e) => [`--exclude=./${e}`]), '-cf', '-', '.'], elevated: true };
}

/** Empties a folder (made when missing) and unpacks a tar from stdin into it, owners and modes kept. */
export function untarFolderCommand(folder: string): Command {
  return { argv: ['sh', '-c', 'set -e; mkdir -p "$1"; find "$1" -mindepth 1 -delete; tar -C "$1" --numeric-owner -xpf -', 'sh', folder], elevated: true };
}
