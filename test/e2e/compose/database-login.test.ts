// status checks that a deployment's database user can log in to its database server, from the app's
// host (the lab's PostgreSQL on the db host, reached from the docker host over a private link): with
// the right password it says so; with a wrong one the deployment is unhealthy and status --json, the
// text and the dashboard's why line carry the server's own words. The password never reaches argv.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkToDb } from '../../support/db-link.js';
import { selectRow, startApp } from '../dashboard/dashboard-lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { cli, lab, labConfigDir, onHost } from './compose-lab.js';

const CATALOG = fileURLToPath(new URL('../backup/catalog', import.meta.url));
const env = { HOMELAB_TUI_CATALOG_DIR: CATALOG };
const HOST = 'docker';
const pg = lab.databases.postgres;
const WRONG = 'not-the-lab-pw-7f3a';
let configDir = '';
let unlink: (() => void) | undefined;
let session: TmuxSession | undefined;

const install = (name: string, port: number, password: string) =>
  cli(configDir, ['install', 'labpg', '--host', HOST, '--provider', 'compose', '--name', name, '--set', `port=${port}`, '--set', `data_dir=/srv/${name}/data`, '--set', `db_host=${pg.address}`, '--set', `db_port=${pg.port}`, '--set', `db_name=${pg.database}`, '--set', `db_user=${pg.user}`, '--set', `db_password=${password}`, '--yes', '--reuse-data'], env);

interface Row {
  name: string;
  health: string;
  reason?: string;
  database?: { ok: boolean; message: string; hint?: string };
}

async function statusOf(name: string): Promise<{ row: Row | undefined; code: number | null; stdout: string }> {
  const run = await cli(configDir, ['status', '--host', HOST, '--json'], env);
  return { row: (JSON.parse(run.stdout) as { deployments: Row[] }).deployments.find((d) => d.name === name), code: run.code, stdout: run.stdout };
}

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 30\n');
  unlink = linkToDb(lab, HOST);
  for (const name of ['dbl-ok', 'dbl-bad']) await cli(configDir, ['uninstall', name, '--host', HOST, '--purge', '--yes'], env);
  const ok = await install('dbl-ok', 18261, pg.password);
  expect(ok.code, ok.stderr).toBe(0);
  const bad = await install('dbl-bad', 18262, WRONG);
  expect(bad.code, bad.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  await session?.stop();
  for (const name of ['dbl-ok', 'dbl-bad']) {
    await cli(configDir, ['uninstall', name, '--host', HOST, '--purge', '--yes'], env);
    await onHost(HOST, `rm -rf /srv/${name}`);
  }
  unlink?.();
});

describe('status: the database login of an app using a database server (lab PostgreSQL)', () => {
  it('the right password: healthy, and the login is said in status --json', async () => {
    const { row } = await statusOf('dbl-ok');
    expect(row?.health).toBe('healthy');
    expect(row?.database).toEqual({ ok: true, message: `logged in to ${pg.address}:${pg.port} as ${pg.user} (database ${pg.database}) from ${HOST}` });
  });

  it("a wrong password: unhealthy with the server's words, exit 1, the password shown nowhere", async () => {
    const { row, code, stdout } = await statusOf('dbl-bad');
    expect(code).toBe(1);
    expect(row?.health).toBe('unhealthy');
    expect(row?.database?.ok).toBe(false);
    expect(row?.database?.message).toContain(`password authentication failed for user "${pg.user}"`);
    expect(row?.reason).toMatch(/^database login failed: docker reached .* but could not log in: .*password authentication failed for user "lab"/);
    expect(stdout).not.toContain(WRONG);
    expect(stdout).not.toContain(pg.password);
    const text = await cli(configDir, ['status', '--host', HOST], env);
    expect(text.stdout).toContain(`dbl-bad on ${HOST}: database login failed:`);
    expect(text.stdout).toContain('password authentication failed for user "lab"');
  });

  it("the dashboard's why line says the server's words for the selected deployment", async () => {
    session = await startApp(configDir, { columns: 120, rows: 30 }, env);
    await session.waitFor(/dbl-bad/, 60_000);
    await selectRow(session, 'dbl-bad');
    const screen = await session.waitFor(/why: dbl-bad: database login failed: [\s\S]*password authentication failed for user "lab"/, 60_000);
    expect(screen).not.toContain(WRONG);
  });
});
