// Issue 14: the update of a database-backed app takes a dump of its database before anything changes,
// and a rollback puts the database back as it was before the old version starts. A test recipe
// (update-db-catalog/labpgm.yaml) uses the lab's PostgreSQL on the db host; its "bad" version migrates
// the schema at its start (renames a column, adds one, makes a table that refers to it, writes a row in
// the new schema), then fails its health check. After the rollback, by itself or through `undo` after
// --keep-on-failure, the row written before the update is there, in the old schema, and nothing the
// failed version made is left.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkToDb } from '../../support/db-link.js';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, lab, labConfigDir, onHost } from './compose-lab.js';

const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./update-db-catalog', import.meta.url)) };
const HOST = 'docker';
const NAME = 'upd-pg';
const PORT = 18298;
const url = `http://${labHost(HOST).address}:${PORT}`;
const pg = lab.databases.postgres;
const psql = (sql: string) => `PGPASSWORD=${pg.password} psql -qtA -v ON_ERROR_STOP=1 -h ${pg.address} -p ${pg.port} -U ${pg.user} -d ${pg.database} -c "${sql}"`;
const query = async (sql: string) => (await onHost(HOST, psql(sql))).trim();
const columns = () => query("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'labpgm_items'");
const tables = () => query("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE tablename LIKE 'labpgm_%'");
const migrations = async () => (await onHost(HOST, `cat /srv/${NAME}-migrations/log 2>/dev/null || true`)).trim().split('\n').filter(Boolean);

let configDir = '';

async function remove(): Promise<void> {
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  await onHost(HOST, `rm -rf /srv/${NAME} /srv/${NAME}-migrations /var/lib/homelab-tui/backups/${NAME}`);
  await onHost(HOST, psql('DROP TABLE IF EXISTS labpgm_audit, labpgm_items CASCADE'));
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n');
  const unlink = linkToDb(lab, HOST, 246);
  await remove();
  return async () => {
    await remove();
    unlink();
  };
});

describe('update of an app whose database is the lab PostgreSQL', () => {
  it('installs version 1 and its table gets a row', async () => {
    const sets = ['--set', `port=${PORT}`, '--set', `db_host=${pg.address}`, '--set', `db_port=${pg.port}`, '--set', `db_name=${pg.database}`, '--set', `db_user=${pg.user}`, '--set', `db_password=${pg.password}`, '--set', 'version=1'];
    const run = await cli(configDir, ['install', 'labpgm', '--host', HOST, '--provider', 'compose', '--name', NAME, ...sets, '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    await onHost(HOST, psql("CREATE TABLE labpgm_items (id serial PRIMARY KEY, note text NOT NULL); INSERT INTO labpgm_items (note) VALUES ('written under 1')"));
    expect(await columns()).toBe('id,note');
  });

  it('1 -> bad migrates the schema, fails its gate and rolls back by itself: the row is there in the old schema', async () => {
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as { status: string; dump?: string; failure?: { step: string } };
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    // The migration really ran (its log is in a folder no backup touches), and was taken back.
    expect(await migrations()).toEqual(['bad migrated the schema']);
    expect(await columns()).toBe('id,note');
    expect(await tables()).toBe('labpgm_items');
    expect(await query('SELECT id, note FROM labpgm_items ORDER BY id')).toBe('1|written under 1');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    // The dump is on the host, 0600, and holds no password.
    expect(result.dump).toMatch(new RegExp(`^/var/lib/homelab-tui/backups/${NAME}/.*\\.sql$`));
    expect(await onHost(HOST, `stat -c %a ${result.dump}; grep -c 'CREATE TABLE public.labpgm_items' ${result.dump}; grep -c ${pg.password} ${result.dump} || true`)).toBe('600\n1\n0\n');
    expect(run.stdout + run.stderr).not.toContain(pg.password);
  });

  it('with --keep-on-failure the migrated database stays, and undo puts the row back in the old schema', async () => {
    await onHost(HOST, psql("INSERT INTO labpgm_items (note) VALUES ('written before the second try')"));
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json', '--keep-on-failure'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(await migrations()).toEqual(['bad migrated the schema', 'bad migrated the schema']);
    expect(await columns()).toBe('id,body,migrated');
    expect(await tables()).toBe('labpgm_audit,labpgm_items');
    const undo = await cli(configDir, ['undo', NAME, '--host', HOST, '--yes'], env);
    expect(undo.code, undo.stderr + undo.stdout).toBe(0);
    expect(await columns()).toBe('id,note');
    expect(await tables()).toBe('labpgm_items');
    expect(await query('SELECT id, note FROM labpgm_items ORDER BY id')).toBe('1|written under 1\n2|written before the second try');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    const record = JSON.parse(await onHost(HOST, `cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { version: string; operation?: unknown; releases: { version: string; result?: string; dump?: string }[] };
    expect(record.version).toBe('1');
    expect(record.operation).toBeUndefined();
    expect(record.releases.map((r) => [r.version, r.result ?? 'installed', typeof r.dump])).toEqual([['1', 'installed', 'undefined'], ['bad', 'rolled-back', 'string'], ['bad', 'rolled-back', 'string']]);
  });

  it('1 -> 2 keeps the rows; rollback --restore-data brings the database back as the dump before 2 holds it', async () => {
    const run = await cli(configDir, ['update', NAME, '--to', '2', '--yes', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', from: '1', to: '2' });
    expect(await query('SELECT count(*) FROM labpgm_items')).toBe('2');
    await onHost(HOST, psql("INSERT INTO labpgm_items (note) VALUES ('written under 2')"));
    const back = await cli(configDir, ['rollback', NAME, '--host', HOST, '--yes', '--restore-data', '--json'], env);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ status: 'succeeded', from: '2', to: '1' });
    expect(await query('SELECT note FROM labpgm_items ORDER BY id')).toBe('written under 1\nwritten before the second try');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
  });
});
