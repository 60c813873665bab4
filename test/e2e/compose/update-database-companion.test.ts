// Issue 14 (and 15) for a database that runs in a service of the deployment, as Vikunja's embedded
// PostgreSQL does: the update dumps it in its container before anything changes and leaves its folder
// out of the data archive (a server's files copied while it runs are not a backup); a rollback, by
// itself or through `undo` after --keep-on-failure, starts that service alone after the down, waits
// for it, drops what the failed version made and loads the dump, then starts the old version. The
// test recipe (update-db-catalog/labpgc.yaml) runs a real PostgreSQL in its "db" service; its "bad"
// version migrates the schema and fails its gate. A backup and restore of the same deployment loads
// the dump the same way (the restore stops the whole app first).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, labConfigDir, onHost } from './compose-lab.js';

const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./update-db-catalog', import.meta.url)) };
const HOST = 'docker';
const NAME = 'upd-pgc';
const PORT = 18295;
const url = `http://${labHost(HOST).address}:${PORT}`;
const DB_DIR = `/srv/${NAME}/postgres`;
// In the db service's container, over its socket (trust): no password on this side.
const psql = (sql: string) => `docker exec $(docker ps -q --filter label=com.docker.compose.project=${NAME} --filter label=com.docker.compose.service=db) psql -h /tmp -U lab -d postgres -qtA -v ON_ERROR_STOP=1 -c "${sql}"`;
const query = async (sql: string) => (await onHost(HOST, psql(sql))).trim();
const columns = () => query("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'labpgc_items'");
const tables = () => query("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE tablename LIKE 'labpgc_%'");
const migrations = async () => (await onHost(HOST, `cat /srv/${NAME}-migrations/log 2>/dev/null || true`)).trim().split('\n').filter(Boolean);

let configDir = '';

async function remove(): Promise<void> {
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
  await onHost(HOST, `rm -rf /srv/${NAME} /srv/${NAME}-migrations /var/lib/homelab-tui/backups/${NAME}`);
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n');
  await remove();
  return remove;
});

describe('update of an app whose PostgreSQL runs in a service of its own', () => {
  it('installs version 1; its database server starts and its table gets a row', async () => {
    const run = await cli(configDir, ['install', 'labpgc', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', 'version=1', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    await onHost(HOST, psql("CREATE TABLE labpgc_items (id serial PRIMARY KEY, note text NOT NULL); INSERT INTO labpgc_items (note) VALUES ('written under 1')"));
    expect(await columns()).toBe('id,note');
  });

  it('1 -> bad migrates the schema, fails its gate and rolls back by itself: the row is there in the old schema', async () => {
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as { status: string; dump?: string; backup?: string };
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    expect(run.stderr).toContain('database loaded from');
    expect(await migrations()).toEqual(['bad migrated the schema']);
    expect(await columns()).toBe('id,note');
    expect(await tables()).toBe('labpgc_items');
    expect(await query('SELECT id, note FROM labpgc_items ORDER BY id')).toBe('1|written under 1');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    // The dump was taken in the db container (0600 on the host); the archive holds the app's data
    // folder and not the server's files.
    expect(result.dump).toMatch(new RegExp(`^/var/lib/homelab-tui/backups/${NAME}/.*\\.sql$`));
    expect(await onHost(HOST, `stat -c %a ${result.dump}; grep -c 'CREATE TABLE public.labpgc_items' ${result.dump}`)).toBe('600\n1\n');
    const archive = (await onHost(HOST, `ls /var/lib/homelab-tui/backups/${NAME}/*.tar.gz`)).trim();
    const members = await onHost(HOST, `tar -tzf ${archive}`);
    expect(members).toContain(`srv/${NAME}/data/`);
    expect(members).not.toContain(`srv/${NAME}/postgres`);
  });

  it('with --keep-on-failure the migrated database stays, and undo puts the rows back in the old schema', async () => {
    await onHost(HOST, psql("INSERT INTO labpgc_items (note) VALUES ('written before the second try')"));
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json', '--keep-on-failure'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(await migrations()).toEqual(['bad migrated the schema', 'bad migrated the schema']);
    expect(await columns()).toBe('id,body,migrated');
    expect(await tables()).toBe('labpgc_audit,labpgc_items');
    // undo after a down: the db container is recreated from the old file before the load.
    await onHost(HOST, `cd /opt/homelab-tui/${NAME} && docker-compose -p ${NAME} -f compose.yaml down 2>&1`);
    const undo = await cli(configDir, ['undo', NAME, '--host', HOST, '--yes'], env);
    expect(undo.code, undo.stderr + undo.stdout).toBe(0);
    expect(await columns()).toBe('id,note');
    expect(await tables()).toBe('labpgc_items');
    expect(await query('SELECT id, note FROM labpgc_items ORDER BY id')).toBe('1|written under 1\n2|written before the second try');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
  });

  it('backup, then rows deleted: restore stops the app, starts the db service alone, loads the dump, and the rows are back', async () => {
    const made = await cli(configDir, ['backup', NAME, '--host', HOST, '--json'], env);
    expect(made.code, made.stderr).toBe(0);
    const archive = (JSON.parse(made.stdout) as { archive: string }).archive;
    await onHost(HOST, psql('DELETE FROM labpgc_items'));
    expect(await query('SELECT count(*) FROM labpgc_items')).toBe('0');
    const restore = await cli(configDir, ['restore', archive, '--host', HOST, '--yes', '--json'], env);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await query('SELECT note FROM labpgc_items ORDER BY id')).toBe('written under 1\nwritten before the second try');
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
  });
});
