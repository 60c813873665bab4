// Issue 15: database dumps are consistent and come back. A deployment from a test catalog with
// SQLite in its data folder (sqlite3 .backup on the host). PostgreSQL and MariaDB (pg_dump,
// mysqldump --single-transaction) are not run here yet: the lab's docker host has no route to the
// db host (each lab host reaches only the root namespace), so KINDS holds SQLite alone. A writer inserts one row into each of two
// tables per transaction while the backup runs; after the rows are deleted, restore brings back a
// database where both tables hold the same number of rows (one snapshot), at least those written
// before the backup began.
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir, onHost } from '../compose/compose-lab.js';

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
}

const KINDS: Kind[] = [
  { app: 'labsql', name: 'bk-sql', port: 18251, sql: (s) => `sqlite3 -cmd '.timeout 5000' /srv/bk-sql/data/app.db "${s}"`, begin: 'BEGIN' },
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
  await removeAll();
  return async () => {
    await removeAll();
    rmSync(dir, { recursive: true, force: true });
  };
});

describe.each(KINDS)('$app', (k) => {
  it('a dump taken while a writer inserts is consistent, and restore brings the rows back', async () => {
    const install = await cli(configDir, ['install', k.app, '--host', HOST, '--provider', 'compose', '--name', k.name, '--set', `port=${k.port}`, '--yes'], env);
    expect(install.code, install.stderr).toBe(0);
    const id = 'INTEGER PRIMARY KEY';
    for (const t of ['a', 'b']) await onHost(HOST, k.sql(`DROP TABLE IF EXISTS ${table(k, t)}; CREATE TABLE ${table(k, t)} (id ${id}, note VARCHAR(20))`));
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
      expect(result.database).toBe('sqlite');
      expect(result.members.map((m) => m.name)).toEqual(['database.sqlite', 'data/0.tar']);
      expect(result.stoppedMs).toBe(0);
      await onHost(HOST, `kill ${pid}`);
      await onHost(HOST, `while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`);
      for (const t of ['a', 'b']) await onHost(HOST, k.sql(`DELETE FROM ${table(k, t)}`));
      expect(await count(k, 'a')).toBe(0);
      const restore = await cli(configDir, ['restore', result.archive, '--host', HOST, '--yes', '--json'], env);
      expect(restore.code, restore.stderr).toBe(0);
      const [a, b] = [await count(k, 'a'), await count(k, 'b')];
      expect(a).toBeGreaterThanOrEqual(before);
      expect(b).toBe(a);
      expect((await onHost(HOST, k.sql('PRAGMA integrity_check'))).trim()).toBe('ok');
    } finally {
      await onHost(HOST, `kill ${pid} 2>/dev/null; true`);
    }
  });
});
