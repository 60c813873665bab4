// The exec prefix that runs a database tool in a compose service's container, run here with a stand-in
// engine: the container is looked up when the command runs, and the password variable passes by name.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceExec } from '../../../../src/providers/compose/service-exec.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hl-svc-exec-'));
  // `ps` prints $FAKE_IDS (and notes its filters); `exec` notes its arguments and the variable it was given.
  writeFileSync(
    join(dir, 'engine'),
    '#!/bin/sh\ncase "$1" in\nps) shift; printf "%s\\n" "$*" > "$FAKE_DIR/ps"; [ -n "$FAKE_IDS" ] && printf "%s\\n" $FAKE_IDS; exit 0;;\nexec) shift; printf "%s\\n" "$*" > "$FAKE_DIR/exec"; printf "%s" "$PGPASSWORD" > "$FAKE_DIR/pw"; exit 7;;\nesac\n',
  );
  chmodSync(join(dir, 'engine'), 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], ids: string) {
  const [cmd, ...rest] = [...serviceExec(join(dir, 'engine'), 'tasks', 'db').slice(0, -1), ...args];
  return spawnSync(cmd!, rest, { env: { ...process.env, FAKE_DIR: dir, FAKE_IDS: ids, PGPASSWORD: 'pw 1' }, encoding: 'utf8' });
}

describe('serviceExec', () => {
  it('finds the running container of the service when it runs, passes the password variable by name, and keeps the tool exit status', () => {
    const res = run(['-e', 'PGPASSWORD', 'db', 'pg_dump', '-h', '127.0.0.1'], 'c0ffee beef');
    expect(res.status, res.stderr).toBe(7);
    expect(readFileSync(join(dir, 'ps'), 'utf8')).toBe('-q --filter label=com.docker.compose.project=tasks --filter label=com.docker.compose.service=db\n');
    expect(readFileSync(join(dir, 'exec'), 'utf8')).toBe('-i -e PGPASSWORD c0ffee pg_dump -h 127.0.0.1\n');
    expect(readFileSync(join(dir, 'pw'), 'utf8')).toBe('pw 1');
    const plain = run(['db', 'pg_dump', '--version'], 'c0ffee');
    expect(plain.status).toBe(7);
    expect(readFileSync(join(dir, 'exec'), 'utf8')).toBe('-i c0ffee pg_dump --version\n');
  });

  it('says which service of which project has no running container, and runs nothing', () => {
    const res = run(['-e', 'PGPASSWORD', 'db', 'pg_dump'], '');
    expect(res.status).toBe(3);
    expect(res.stderr).toContain('no running container of service db in compose project tasks');
    expect(() => readFileSync(join(dir, 'exec'))).toThrow();
  });

  it('ends with the service, so the backup commands put -e VAR before it', () => {
    expect(serviceExec('docker', 'tasks', 'db').slice(-3)).toEqual(['docker', 'tasks', 'db']);
  });
});
