// The database host: PostgreSQL (binaries in /usr/local/bin, run as the postgres user because it
// refuses root) and MariaDB, both listening on the host's address, with known test credentials.
import { appendFileSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { inHost, startDaemon } from './host-anchor.js';
import type { LabState } from './lab-state.js';
import { attempt, run, waitFor } from './shell.js';
import type { LabDatabases } from '../../support/lab-manifest.js';

export const DB_CREDENTIALS = { user: 'lab', password: 'lab-secret-pw', database: 'labdb' };

/** The postgres system user (Debian's postgresql package creates it; a bare machine gets one). */
function postgresIds(): { uid: number; gid: number } {
  if (!attempt('id', ['-u', 'postgres'])) run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  return { uid: Number(run('id', ['-u', 'postgres']).trim()), gid: Number(run('id', ['-g', 'postgres']).trim()) };
}

export async function startDatabases(state: LabState, stateDir: string, host: HostContext, address: string, net: string): Promise<LabDatabases> {
  const ns = inHost(host.anchor);
  const exec = (argv: string[], input?: string) => run(ns[0] as string, [...ns.slice(1), ...argv], input === undefined ? {} : { input });
  const asPostgres = ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--'];

  // PostgreSQL
  const pgData = join(host.dir, 'pgdata');
  const pgSock = join(host.dir, 'pgsock');
  const { uid, gid } = postgresIds();
  for (const d of [pgData, pgSock]) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
    chownSync(d, uid, gid);
  }
  const pwFile = join(host.dir, 'pg-superuser-pw');
  writeFileSync(pwFile, `${DB_CREDENTIALS.password}\n`, { mode: 0o600 });
  chownSync(pwFile, uid, gid);
  exec([...asPostgres, '/usr/local/bin/initdb', '-D', pgData, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwFile}`, '--no-sync']);
  appendFileSync(join(pgData, 'pg_hba.conf'), `host all all ${net}.0.0/16 scram-sha-256\n`);
  await startDaemon(state, stateDir, host, 'postgres', [...asPostgres, '/usr/local/bin/postgres', '-D', pgData, '-k', pgSock, '-c', `listen_addresses=${address}`, '-p', '5432', '-c', 'fsync=off']);
  await waitFor('postgres to accept connections', () => attempt(ns[0] as string, [...ns.slice(1), 'pg_isready', '-q', '-h', pgSock, '-p', '5432']), 20_000, 100);
  exec(['psql', '-h', pgSock, '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE ROLE ${DB_CREDENTIALS.user} LOGIN PASSWORD '${DB_CREDENTIALS.password}'`, '-c', `CREATE DATABASE ${DB_CREDENTIALS.database} OWNER ${DB_CREDENTIALS.user}`]);

  // MariaDB
  const myData = join(host.dir, 'mariadb');
  const mySock = join(host.dir, 'mariadb.sock');
  mkdirSync(myData, { recursive: true });
  exec(['mariadb-install-db', `--datadir=${myData}`, '--user=root', '--auth-root-authentication-method=socket', '--skip-test-db', '--skip-name-resolve']);
  await startDaemon(state, stateDir, host, 'mariadbd', [
    'mariadbd', `--datadir=${myData}`, `--socket=${mySock}`, `--pid-file=${join(host.dir, 'mariadb.pid')}`, `--bind-address=${address}`, '--port=3306', '--user=root', '--skip-name-resolve', `--log-error=${join(host.dir, 'mariadb-error.log')}`,
  ]);
  await waitFor('mariadb to accept connections', () => attempt(ns[0] as string, [...ns.slice(1), 'mariadb-admin', `--socket=${mySock}`, 'ping']), 30_000, 100);
  exec(['mariadb', `--socket=${mySock}`], `CREATE DATABASE ${DB_CREDENTIALS.database}; CREATE USER '${DB_CREDENTIALS.user}'@'%' IDENTIFIED BY '${DB_CREDENTIALS.password}'; GRANT ALL ON ${DB_CREDENTIALS.database}.* TO '${DB_CREDENTIALS.user}'@'%'; FLUSH PRIVILEGES;\n`);

  return {
    host: 'db',
    postgres: { address, port: 5432, ...DB_CREDENTIALS, superuser: 'postgres', socketDir: pgSock },
    mariadb: { address, port: 3306, ...DB_CREDENTIALS, socket: mySock },
  };
}
