// Issue 14 for an app that keeps SQLite: the update copies the database with sqlite3 `.backup` (one
// consistent snapshot, integrity-checked, 0600, with its checksum) before anything stops, and a
// rollback puts that copy back over what the failed version made, its WAL file removed. A test recipe
// (update-db-catalog/labsqlm.yaml) whose "bad" version migrates app.db at its start, in WAL mode, then
// fails its health check. After the rollback, by itself or through `undo` after --keep-on-failure,
// the rows written before the update are there in the old schema and the failed version's are not.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, labConfigDir, onHost } from './compose-lab.js';

const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./update-db-catalog', import.meta.url)) };
const HOST = 'docker';
const NAME = 'upd-sql';
const PORT = 18299;
const DB = `/srv/${NAME}/data/app.db`;
const url = `http://${labHost(HOST).address}:${PORT}`;
const sql = async (statement: string) => (await onHost(HOST, `sqlite3 -cmd '.timeout 5000' ${DB} "${statement}"`)).trim();
const columns = () => sql("SELECT group_concat(name, ',') FROM pragma_table_info('items')");
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
}, 120_000);

describe('update of an app that keeps a SQLite database', () => {
  it('installs version 1 and its database gets a row', async () => {
    const run = await cli(configDir, ['install', 'labsqlm', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', 'version=1', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    await sql("CREATE TABLE items (id INTEGER PRIMARY KEY, note TEXT NOT NULL); INSERT INTO items (note) VALUES ('written under 1');");
    expect(await columns()).toBe('id,note');
  });

  it('1 -> bad migrates app.db, fails its gate and rolls back by itself: the copy is put back, WAL gone, rows in the old schema', async () => {
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as { status: string; dump?: string };
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    expect(await migrations()).toEqual(['bad migrated the database']);
    expect(await columns()).toBe('id,note');
    expect(await sql('SELECT id, note FROM items ORDER BY id')).toBe('1|written under 1');
    expect(await sql('PRAGMA integrity_check')).toBe('ok');
    expect(await onHost(HOST, `ls ${DB}-wal 2>/dev/null || echo none`)).toBe('none\n');
    // The copy is on the host beside the data archive, 0600, with its checksum, and is itself sound.
    expect(result.dump).toMatch(new RegExp(`^/var/lib/homelab-tui/backups/${NAME}/.*\\.sqlite$`));
    expect(await onHost(HOST, `stat -c %a ${result.dump}; sha256sum -c --status ${result.dump}.sha256 && echo sum-ok; sqlite3 ${result.dump} 'PRAGMA integrity_check'`)).toBe('600\nsum-ok\nok\n');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('with --keep-on-failure the migrated database stays, and undo puts it back from the copy', async () => {
    await sql("INSERT INTO items (note) VALUES ('written before the second try')");
    const run = await cli(configDir, ['update', NAME, '--to', 'bad', '--yes', '--json', '--keep-on-failure'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(await migrations()).toEqual(['bad migrated the database', 'bad migrated the database']);
    expect(await columns()).toBe('id,body');
    const undo = await cli(configDir, ['undo', NAME, '--host', HOST, '--yes'], env);
    expect(undo.code, undo.stderr + undo.stdout).toBe(0);
    expect(await columns()).toBe('id,note');
    expect(await sql('SELECT id, note FROM items ORDER BY id')).toBe('1|written under 1\n2|written before the second try');
    expect(await sql('PRAGMA integrity_check')).toBe('ok');
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
  });
});
