import type { Answers } from '../../platform/recipe/answer-value.js';
import type { Clock } from '../../platform/clock.js';
import { tailOf } from '../../platform/errors.js';
import { tcpCheck } from '../../platform/health/tcp-check.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';

/** An existing database server the answers point at. */
export interface DatabaseTarget {
  kind: 'postgres' | 'mysql';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/**
 * The existing server to test, by the catalog's convention for database questions (db_type,
 * db_mode: existing, db_host, db_port, db_name, db_user, db_password); undefined when the app
 * brings its own database or uses SQLite.
 */
export function existingDatabase(answers: Answers): DatabaseTarget | undefined {
  const kind = answers.db_type;
  if ((kind !== 'postgres' && kind !== 'mysql') || answers.db_mode !== 'existing') return undefined;
  const { db_host: host, db_port: port, db_name: database, db_user: user, db_password: password } = answers;
  if (typeof host !== 'string' || typeof port !== 'number' || typeof user !== 'string' || typeof password !== 'string') return undefined;
  return { kind, host, port, database: typeof database === 'string' ? database : '', user, password };
}

/** How a connection test went: ok with what was proved, or the reason in words and what to try. */
export type DatabaseCheck = { ok: true; message: string } | { ok: false; message: string; hint: string };

// The password arrives on stdin (never in argv, where `ps` on the host would show it); 127 says the
// client is missing. psql -w never prompts; the MySQL client is forced onto TCP (not the local socket).
const POSTGRES_SCRIPT =
  'IFS= read -r PGPASSWORD; export PGPASSWORD; command -v psql >/dev/null 2>&1 || exit 127; ' +
  'exec psql -X -w -A -t -h "$1" -p "$2" -U "$3" -d "$4" -c "select 1"';
const MYSQL_SCRIPT =
  'IFS= read -r MYSQL_PWD; export MYSQL_PWD; client=$(command -v mariadb || command -v mysql) || exit 127; ' +
  'exec "$client" --protocol=TCP --connect-timeout=5 -h "$1" -P "$2" -u "$3" -e "select 1" "$4"';

/**
 * Tests an existing database server from the target host, as the app will reach it: first that the
 * port answers, then a login with the credentials through psql or the MySQL client when the host has
 * one (without a client only the port can be proved, and the message says so).
 */
export async function testDatabase(runner: CommandRunner, target: DatabaseTarget, options: { clock: Clock; signal?: AbortSignal }): Promise<DatabaseCheck> {
  const where = `${target.host}:${target.port}`;
  const reach = await tcpCheck({ host: target.host, port: target.port, via: runner, timeoutMs: 5000 }).run({ clock: options.clock, ...(options.signal ? { signal: options.signal } : {}) });
  if (!reach.ok) {
    return { ok: false, message: `${runner.host} cannot reach ${where}: ${reach.reason ?? 'no answer'}`, hint: 'check the host name and port, and that the server listens on the network and a firewall lets the host in' };
  }
  const postgres = target.kind === 'postgres';
  const result = await runner.run({
    argv: ['sh', '-c', postgres ? POSTGRES_SCRIPT : MYSQL_SCRIPT, 'sh', target.host, String(target.port), target.user, target.database],
    env: postgres ? { PGCONNECT_TIMEOUT: '5' } : {},
    stdin: `${target.password}\n`,
    timeoutMs: 20_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const client = postgres ? 'psql' : 'the MySQL client';
  if (result.exitCode === 0) return { ok: true, message: `logged in to ${where} as ${target.user}${target.database ? ` (database ${target.database})` : ''} from ${runner.host}` };
  if (result.exitCode === 127) return { ok: true, message: `${where} answers from ${runner.host}; the login was not tried (no ${client} on ${runner.host})` };
  return { ok: false, message: `${runner.host} reached ${where} but could not log in: ${tailOf(result.stderr, 1) || `exit ${result.exitCode}`}`, hint: 'check the user, password and database name, and that the server lets this user in from the host' };
}
