// The update's database dump and load scripts, run here with stand-in pg_dump and psql on PATH (the
// real ones run in test/e2e/compose/update-database.test.ts against the lab's PostgreSQL).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpPath, loadActions, serverDumpFile } from '../../../../src/services/update/database-dump.js';
import type { Command } from '../../../../src/platform/runner/command-runner.js';

const pg = { kind: 'postgres' as const, host: 'db', port: 5432, database: 'app', user: 'u', password: 's3cret pw' };
const DUMP = ['-- dump', 'CREATE TABLE public.items (', '    id integer', ');', 'CREATE VIEW public.names AS', ' SELECT 1;', '-- PostgreSQL database dump complete', ''].join('\n');

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hl-dump-'));
  // pg_dump prints $FAKE_DUMP and notes the password it got; psql answers -c with $FAKE_LIST and keeps what it loads.
  writeFileSync(join(dir, 'pg_dump'), '#!/bin/sh\nprintf "%s" "$PGPASSWORD" > "$FAKE_DIR/password"\ncat "$FAKE_DUMP"\n');
  // -Atc is the wait for a server that is starting: it fails until the try numbered $FAKE_READY_AFTER.
  writeFileSync(
    join(dir, 'psql'),
    '#!/bin/sh\nfor a in "$@"; do [ "$a" = -Atc ] && { n=$(( $(cat "$FAKE_DIR/tries" 2>/dev/null || echo 0) + 1 )); echo $n > "$FAKE_DIR/tries"; [ "$n" -gt "${FAKE_READY_AFTER:-0}" ]; exit; }; [ "$a" = -c ] && { printf "%s\\n" "$FAKE_LIST"; exit 0; }; done\ncat > "$FAKE_DIR/loaded"\n',
  );
  chmodSync(join(dir, 'pg_dump'), 0o755);
  chmodSync(join(dir, 'psql'), 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(command: Command, extra: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const res = spawnSync(command.argv[0]!, command.argv.slice(1), { input: command.stdin as string, env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, FAKE_DIR: dir, ...extra }, encoding: 'utf8' });
  return { status: res.status, stderr: res.stderr, stdout: res.stdout };
}

describe('the update dump of a database server', () => {
  it('keeps the password off every command line and gives it to the tool through stdin', () => {
    const file = serverDumpFile(pg, [], '/b/x.sql');
    for (const command of [file.dump, file.load]) {
      expect(command.argv.join(' ')).not.toContain('s3cret');
      expect(command.env).toBeUndefined();
      expect(command.stdin).toBe('s3cret pw\n');
    }
    expect(file.secrets).toEqual(['s3cret pw']);
    expect(dumpPath('/var/lib/homelab-tui/backups/a/20260101T000000Z-1.tar.gz')).toBe('/var/lib/homelab-tui/backups/a/20260101T000000Z-1.sql');
  });

  it('writes a complete dump 0600 with its checksum; one cut short stops the update and leaves no dump', () => {
    writeFileSync(join(dir, 'source.sql'), DUMP);
    const file = join(dir, 'backups', 'x.sql');
    const ok = run(serverDumpFile(pg, [], file).dump, { FAKE_DUMP: join(dir, 'source.sql') });
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(DUMP);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'password'), 'utf8')).toBe('s3cret pw');
    execFileSync('sha256sum', ['-c', '--status', `${file}.sha256`]);
    writeFileSync(join(dir, 'cut.sql'), DUMP.split('\n').slice(0, 3).join('\n'));
    const cut = run(serverDumpFile(pg, [], join(dir, 'cut', 'y.sql')).dump, { FAKE_DUMP: join(dir, 'cut.sql') });
    expect(cut.status).toBe(3);
    expect(cut.stderr).toContain('incomplete');
    expect(existsSync(join(dir, 'cut', 'y.sql'))).toBe(false);
    expect(existsSync(join(dir, 'cut', 'y.sql.part'))).toBe(false);
  });

  it('load drops the tables and views the dump does not hold, then loads it in one go; a changed dump is refused', () => {
    writeFileSync(join(dir, 'source.sql'), DUMP);
    const file = join(dir, 'x.sql');
    expect(run(serverDumpFile(pg, [], file).dump, { FAKE_DUMP: join(dir, 'source.sql') }).status).toBe(0);
    const list = ['TABLE public.items', 'TABLE public.audit', 'VIEW public.names', 'MATERIALIZED VIEW public.totals'].join('\n');
    const load = run(serverDumpFile(pg, [], file).load, { FAKE_LIST: list });
    expect(load.status, load.stderr).toBe(0);
    expect(readFileSync(join(dir, 'loaded'), 'utf8')).toBe(`DROP TABLE IF EXISTS public.audit CASCADE;\nDROP MATERIALIZED VIEW IF EXISTS public.totals CASCADE;\n${DUMP}`);
    expect(load.stdout).toContain('made after the dump, dropped');
    rmSync(join(dir, 'loaded'));
    writeFileSync(file, DUMP.replace('integer', 'bigint'));
    const refused = run(serverDumpFile(pg, [], file).load, { FAKE_LIST: list });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('checksum');
    expect(existsSync(join(dir, 'loaded'))).toBe(false);
  });

  it('a database in a companion service: the load starts that service first and waits until it takes the login; a server elsewhere is tried once', () => {
    writeFileSync(join(dir, 'source.sql'), DUMP);
    const file = join(dir, 'x.sql');
    const start: Command = { argv: ['docker-compose', '-p', 'app', 'up', '-d', '--no-deps', 'db'] };
    const companion = serverDumpFile(pg, [], file, { start, folders: ['/srv/app/postgres'] });
    expect(run(companion.dump, { FAKE_DUMP: join(dir, 'source.sql') }).status).toBe(0);
    expect(companion.folders).toEqual(['/srv/app/postgres']);
    const actions = loadActions(companion);
    expect(actions.map((a) => (a.kind === 'run' ? a.command.argv.slice(0, 2) : []))).toEqual([['docker-compose', '-p'], ['sh', '-c']]);
    expect(actions[1]?.description).toContain('wait until the database accepts the login');
    // It takes the login on the third try: the load goes on.
    const waited = run(companion.load, { FAKE_LIST: 'TABLE public.items', FAKE_READY_AFTER: '2' });
    expect(waited.status, waited.stderr).toBe(0);
    expect(readFileSync(join(dir, 'tries'), 'utf8').trim()).toBe('3');
    expect(readFileSync(join(dir, 'loaded'), 'utf8')).toBe(`\n${DUMP}`);
    // A server elsewhere: one try, then the load (which says why it cannot log in, here it can).
    rmSync(join(dir, 'tries'));
    const once = run(serverDumpFile(pg, [], file).load, { FAKE_LIST: 'TABLE public.items', FAKE_READY_AFTER: '5' });
    expect(once.status, once.stderr).toBe(0);
    expect(readFileSync(join(dir, 'tries'), 'utf8').trim()).toBe('1');
    expect(loadActions(serverDumpFile(pg, [], file))).toHaveLength(1);
  }, 20_000);
});
