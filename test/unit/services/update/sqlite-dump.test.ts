// The update's SQLite copy and load, run here with the real sqlite3 (the lab's docker host runs the
// same scripts in test/e2e/compose/update-sqlite.test.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../../../src/platform/runner/command-runner.js';
import { sqliteDumpFile, sqliteUpdateDump } from '../../../../src/services/update/sqlite-dump.js';
import { FakeRunner } from '../../../support/fake-runner.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hl-sqlite-dump-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sql = (db: string, statement: string) => execFileSync('sqlite3', [db, statement], { encoding: 'utf8' }).trim();
function run(command: Command): { status: number | null; stderr: string; stdout: string } {
  const res = spawnSync(command.argv[0] ?? '', command.argv.slice(1), { encoding: 'utf8' });
  return { status: res.status, stderr: res.stderr, stdout: res.stdout };
}

describe('the update copy of a SQLite database', () => {
  it('copies it consistently (0600, checksum), and the load puts it back over what the new version made, WAL and all', () => {
    const db = join(dir, 'data', 'app.db');
    execFileSync('mkdir', ['-p', join(dir, 'data')]);
    sql(db, "PRAGMA journal_mode=WAL; CREATE TABLE items (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO items (note) VALUES ('before');");
    chmodSync(db, 0o640);
    const copy = sqliteDumpFile(db, join(dir, 'backups', 'x.sqlite'));
    const taken = run(copy.dump);
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toContain('one consistent snapshot (sqlite3 .backup), integrity ok');
    expect(statSync(copy.file).mode & 0o777).toBe(0o600);
    execFileSync('sha256sum', ['-c', '--status', `${copy.file}.sha256`]);

    // The new version migrates: renames a column, writes a row; a WAL file is left beside the database.
    const writer = spawnSync('sqlite3', [db], { input: "ALTER TABLE items RENAME COLUMN note TO body; INSERT INTO items (body) VALUES ('by the new version');\n", encoding: 'utf8' });
    expect(writer.status).toBe(0);
    writeFileSync(`${db}-wal`, 'a journal of the failed version');
    const loaded = run(copy.load);
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(sql(db, 'SELECT group_concat(note) FROM items')).toBe('before');
    expect(sql(db, 'PRAGMA integrity_check')).toBe('ok');
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(statSync(db).mode & 0o777).toBe(0o640);
  });

  it('a copy that changed since is refused; a missing database stops the update with its path', () => {
    const db = join(dir, 'app.db');
    sql(db, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const copy = sqliteDumpFile(db, join(dir, 'b', 'y.sqlite'));
    expect(run(copy.dump).status).toBe(0);
    sql(copy.file, 'INSERT INTO t VALUES (2);');
    const refused = run(copy.load);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('does not match its checksum');
    expect(sql(db, 'SELECT count(*) FROM t')).toBe('1');
    const missing = run(sqliteDumpFile(join(dir, 'none.db'), join(dir, 'b', 'z.sqlite')).dump);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain(`the SQLite database ${join(dir, 'none.db')} is missing`);
    expect(existsSync(join(dir, 'b', 'z.sqlite.part'))).toBe(false);
  });

  it('a host without sqlite3 gets the warning instead of a copy, saying how to have one', async () => {
    const runner = new FakeRunner().expect({ argv: ['sh', '-c', 'command -v sqlite3'], result: { exitCode: 1 } });
    const gap = await sqliteUpdateDump(runner, 'kavita', '/srv/k/app.db', '/b/x.sqlite');
    expect(gap).toEqual({ gap: expect.stringContaining('this host has no sqlite3 for a consistent copy') });
    runner.verify();
    const withTool = new FakeRunner().expect({ argv: ['sh', '-c', 'command -v sqlite3'], result: { stdout: '/usr/bin/sqlite3\n' } });
    expect(await sqliteUpdateDump(withTool, 'kavita', '/srv/k/app.db', '/b/x.sqlite')).toMatchObject({ kind: 'sqlite', file: '/b/x.sqlite' });
    withTool.verify();
  });
});
