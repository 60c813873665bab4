// Issue 15: database dumps are consistent and come back. Deployments from a test catalog with SQLite
// in their data folder (sqlite3 .backup on the host), and with the lab's PostgreSQL and MariaDB on the
// db host (pg_dump, mysqldump --single-transaction, run on the docker host over a private link the
// test gives it to the db host: test/support/db-link.ts). A writer inserts one row into each of two
// tables per transaction while the backup runs; after the rows are deleted, restore brings back a
// database where both tables hold the same number of rows (one snapshot), at least those written
// before the backup began.
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkToDb } from '../../support/db-link.js';
import { cli, lab, labConfigDir, onHost } from '../compose/compose-lab.js';

const CATALOG = fileURLToPath(new URL('./catalog', import.meta.url));
const env = { HOMELAB_TUI_CATALOG_DIR: CATALOG };
const HOST = 'docker';
let configDir = '';
let dir = '';

interface Kind {
  app: string;
  name: string;
  port: number;
  /** A shell line on the docker host running SQL given as "$1". */
  sql: (statement: string) => string;
  begin: string;
  /** The id column's type. */
  id: string;
  /** Answers beyond the port. */
  sets: string[];
}

const { postgres: pg, mariadb: my } = lab.databases;
const dbSets = (d: { address: string; port: number; database: string; user: string; password: string }) => ['--set', `db_host=${d.address}`, '--set', `db_port=${d.port}`, '--set', `db_name=${d.database}`, '--set', `db_user=${d.user}`, '--set', `db_password=${d.password}`];

const KINDS: Kind[] = [
  { app: 'labsql', name: 'bk-sql', port: 18251, sql: (s) => `sqlite3 -cmd '.timeout 5000' /srv/bk-sql/data/app.db "${s}"`, begin: 'BEGIN', id: 'INTEGER PRIMARY KEY', sets: [] },
  { app: 'labpg', name: 'bk-pg', port: 18252, sql: (s) => `PGPASSWORD=${pg.password} psql -qtA -v ON_ERROR_STOP=1 -h ${pg.address} -p ${pg.port} -U ${pg.user} -d ${pg.database} -c "${s}"`, begin: 'BEGIN', id: 'SERIAL PRIMARY KEY', sets: dbSets(pg) },
  { app: 'labmy', name: 'bk-my', port: 18253, sql: (s) => `MYSQL_PWD=${my.password} mariadb -N -h ${my.address} -P ${my.port} -u ${my.user} ${my.database} -e "${s}"`, begin: 'START TRANSACTION', id: 'INT AUTO_INCREMENT PRIMARY KEY', sets: dbSets(my) },
];

const table = (k: Kind, t: string) => `${k.name.replace('-', '_')}_${t}`;
const count = async (k: Kind, t: string) => Number((await onHost(HOST, k.sql(`SELECT COUNT(*) FROM ${table(k, t)}`))).trim());

async function removeAll(): Promise<void> {
  for (const k of KINDS) {
    await cli(configDir, ['uninstall', k.name, '--host', HOST, '--purge', '--yes'], env);
    await onHost(HOST, `rm -rf /srv/${k.name}`);
  }
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 30\n');
  dir = mkdtempSync(join(tmpdir(), 'hl-db-backups-'));
  const unlink = linkToDb(lab, HOST);
  await removeAll();
  return async () => {
    await removeAll();
    unlink();
    rmSync(dir, { recursive: true, force: true });
  };
});

describe.each(KINDS)('$app', (k) => {
  it('a dump taken while a writer inserts is consistent, and restore brings the rows back', async () => {
    const install = await cli(configDir, ['install', k.app, '--host', HOST, '--provider', 'compose', '--name', k.name, '--set', `port=${k.port}`, ...k.sets, '--yes'], env);
    expect(install.code, install.stderr).toBe(0);
    for (const t of ['a', 'b']) await onHost(HOST, k.sql(`DROP TABLE IF EXISTS ${table(k, t)}; CREATE TABLE ${table(k, t)} (id ${k.id}, note VARCHAR(20))`));
    const insert = `${k.begin}; INSERT INTO ${table(k, 'a')} (note) VALUES ('x'); INSERT INTO ${table(k, 'b')} (note) VALUES ('y'); COMMIT;`;
    await onHost(HOST, `for i in $(seq 1 20); do ${k.sql(insert)} || exit 1; done`);
    // The writer keeps inserting (one row into each table per transaction) while the backup runs.
    const pid = (await onHost(HOST, `nohup sh -c 'while :; do ${k.sql(insert).replace(/'/g, `'\\''`)} >/dev/null 2>&1; done' >/dev/null 2>&1 & echo $!`)).trim();
    try {
      await onHost(HOST, `n=0; until [ "$(${k.sql(`SELECT COUNT(*) FROM ${table(k, 'a')}`)})" -gt 25 ] || [ $n -gt 100 ]; do n=$((n+1)); sleep 0.1; done`);
      const before = await count(k, 'a');
      const run = await cli(configDir, ['backup', k.name, '--host', HOST, '--to', dir, '--json'], env);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as { archive: string; database: string; members: { name: string }[]; stoppedMs: number };
      expect(result.database).toBe(k.app === 'labsql' ? 'sqlite' : k.app === 'labpg' ? 'postgres' : 'mysql');
      expect(result.members.map((m) => m.name)).toEqual([k.app === 'labsql' ? 'database.sqlite' : 'database.sql', 'data/0.tar']);
      expect(result.stoppedMs).toBe(0);
      await onHost(HOST, `kill ${pid}`);
      await onHost(HOST, `while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`);
      // The writer kept inserting while the backup ran (else the check below proves nothing).
      const after = await count(k, 'a');
      expect(after).toBeGreaterThan(before);
      for (const t of ['a', 'b']) await onHost(HOST, k.sql(`DELETE FROM ${table(k, t)}`));
      expect(await count(k, 'a')).toBe(0);
      const restore = await cli(configDir, ['restore', result.archive, '--host', HOST, '--yes', '--json'], env);
      expect(restore.code, restore.stderr).toBe(0);
      const [a, b] = [await count(k, 'a'), await count(k, 'b')];
      expect(a).toBeGreaterThanOrEqual(before);
      expect(a).toBeLessThanOrEqual(after);
      expect(b).toBe(a);
      if (k.app === 'labsql') expect((await onHost(HOST, k.sql('PRAGMA integrity_check'))).trim()).toBe('ok');
    } finally {
      await onHost(HOST, `kill ${pid} 2>/dev/null; true`);
    }
  });
});
