// Issue 14 for MySQL/MariaDB, update-database.test.ts's twin: the update of an app whose database is
// the lab's MariaDB takes a mysqldump before anything changes, and a rollback puts the database back as
// it was before the old version starts. The test recipe (update-db-catalog/labmym.yaml) has a "bad"
// version that migrates the schema at its start (renames a column, adds one, makes a table that refers
// to it and a view, writes a row in the new schema), then fails its health check. After the rollback,
// by itself or through `undo` after --keep-on-failure, the rows written before the update are there, in
// the old schema, and neither the table nor the view the failed version made is left (mysqldump's
// DROP TABLE IF EXISTS covers only the tables it holds: the load drops the others first).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkToDb } from '../../support/db-link.js';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, lab, labConfigDir, onHost } from './compose-lab.js';

const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./update-db-catalog', import.meta.url)) };
const HOST = 'docker';
const NAME = 'upd-my';
const PORT = 18297;
const url = `http://${labHost(HOST).address}:${PORT}`;
const my = lab.databases.mariadb;
const sql = (statement: string) => `MYSQL_PWD=${my.password} mariadb -N -B -h ${my.address} -P ${my.port} -u ${my.user} ${my.database} -e "${statement}"`;
const query = async (statement: string) => (await onHost(HOST, sql(statement))).trim();
const columns = () => query("SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'labmym_items'");
const tables = () => query("SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'labmym%'");
const migrations = async () => (await onHost(HOST, `cat /srv/${NAME}-migrations/log 2>/dev/null || true`)).trim().split('\n').filter(Boolean);

let configDir = '';

async function remove(): Promise<void> {
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  await onHost(HOST, `rm -rf /srv/${NAME} /srv/${NAME}-migrations /var/lib/homelab-tui/backups/${NAME}`);
  await onHost(HOST, sql('DROP VIEW IF EXISTS labmym_recent; DROP TABLE IF EXISTS labmym_audit, labmym_items'));
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n');
  const unlink = linkToDb(lab, HOST, 245);
  await remove();
  return async () => {
    await remove();
    unlink();
  };
});

describe('update of an app whose database is the lab MariaDB', () => {
  it('installs version 1 and its table gets a row', async () => {
    const sets = ['--set', `port=${PORT}`, '--set', `db_host=${my.address}`, '--set', `db_port=${my.port}`, '--set', `db_name=${my.database}`, '--set', `db_user=${my.user}`, '--set', `db_password=${my.password}`, '--set', 'version=1'];
    const run = await cli(configDir, ['install', 'labmym', '--host', HOST, '--provider', 'compose', '--name', NAME, ...sets, '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    await onHost(HOST, sql("CREATE TABLE labmym_items (id INT AUTO_INCREMENT PRIMARY KEY, note TEXT NOT NULL) ENGINE=InnoDB; INSERT INTO labmym_items (note) VALUES ('written under 1')"));
    expect(await columns()).toBe('id,note');
  });

  it('1 -> bad migrates the schema, fails its gate and rolls back by itself: the row is there in the old schema, the new table and view are gone', async () => {
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as { status: string; dump?: string };
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    // The migration really ran (its log is in a folder no backup touches), and was taken back.
    expect(await migrations()).toEqual(['bad migrated the schema']);
    expect(await columns()).toBe('id,note');
    expect(await tables()).toBe('labmym_items');
    expect(await query('SELECT id, note FROM labmym_items ORDER BY id')).toBe('1\twritten under 1');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    // The dump is on the host, 0600, and holds no password.
    expect(result.dump).toMatch(new RegExp(`^/var/lib/homelab-tui/backups/${NAME}/.*\\.sql$`));
    expect(await onHost(HOST, `stat -c %a ${result.dump}; grep -c 'CREATE TABLE \`labmym_items\`' ${result.dump}; grep -c ${my.password} ${result.dump} || true`)).toBe('600\n1\n0\n');
    expect(run.stdout + run.stderr).not.toContain(my.password);
  });

  it('with --keep-on-failure the migrated database stays, and undo puts the rows back in the old schema', async () => {
    await onHost(HOST, sql("INSERT INTO labmym_items (note) VALUES ('written before the second try')"));
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json', '--keep-on-failure'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(await migrations()).toEqual(['bad migrated the schema', 'bad migrated the schema']);
    expect(await columns()).toBe('id,body,migrated');
    expect(await tables()).toBe('labmym_audit,labmym_items,labmym_recent');
    const undo = await cli(configDir, ['undo', NAME, '--host', HOST, '--yes'], env);
    expect(undo.code, undo.stderr + undo.stdout).toBe(0);
    expect(await columns()).toBe('id,note');
    expect(await tables()).toBe('labmym_items');
    expect(await query('SELECT id, note FROM labmym_items ORDER BY id')).toBe('1\twritten under 1\n2\twritten before the second try');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
  });
});
