// An update interrupted in its health gate (the new version applied): Ctrl-C rolls back at once, with
// the data; a process killed outright leaves the journal, which status lists as interrupted, `update`
// plans to finish (test/e2e/faults/update-lost-link.test.ts runs that) and `undo` finishes (old
// version, old compose file, data from the backup). One install, Docker.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost, loadLab } from '../../support/lab.js';
import { cli, labConfigDir, onHost } from './compose-lab.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const HOST = 'docker';
const NAME = 'upd-int';
const PORT = 18292;
const DATA = `/srv/${NAME}/data`;
const URL_ = `http://${labHost(HOST).address}:${PORT}`;
let configDir = '';

beforeAll(async () => {
  // The bad build never passes the gate: the update sits in it until interrupted.
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 90\n');
  await onHost(HOST, `rm -rf /srv/${NAME} /var/lib/homelab-tui/backups/${NAME}`);
  const run = await cli(configDir, ['install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `data_dir=${DATA}`, '--set', 'version=1', '--yes']);
  expect(run.code, run.stderr).toBe(0);
  await onHost(HOST, `echo precious > ${DATA}/mine.txt`);
});

function startUpdate() {
  const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', loadLab().ssh.config, 'update', NAME, '--to', 'bad', '--yes', '--json'], {
    env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

const starts = async () => (await onHost(HOST, `cat ${DATA}/starts.log`)).trim().split('\n').length;
const record = async () => JSON.parse(await onHost(HOST, `cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { version: string; operation?: unknown; releases: { version: string; result?: string }[] };

describe('an update interrupted in its health gate', () => {
  it('Ctrl-C rolls back by itself: exit 1, rolled-back, 1 answers, the data as before', async () => {
    const before = await starts();
    const run = startUpdate();
    await eventually('the update to reach its health gate', async () => run.out().stderr.includes('Health gate'), 60_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(1);
    expect(JSON.parse(run.out().stdout)).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', cancelled: true });
    expect(await httpGet(`${URL_}/version`)).toEqual({ status: 200, body: '1' });
    expect(await onHost(HOST, `cat ${DATA}/mine.txt`)).toBe('precious\n');
    expect(await starts()).toBe(before + 1);
    expect((await record()).operation).toBeUndefined();
  });

  it('a killed process leaves the journal: status says interrupted, update plans its rollback, undo rolls back with the data', async () => {
    const before = await starts();
    const run = startUpdate();
    await eventually('the update to reach its health gate', async () => run.out().stderr.includes('Health gate'), 60_000);
    run.child.kill('SIGKILL');
    await run.exited;
    const status = await cli(configDir, ['status', '--host', HOST, '--json']);
    const row = (JSON.parse(status.stdout) as { deployments: { name: string; health: string; operation?: { kind: string } }[] }).deployments.find((d) => d.name === NAME);
    expect(row).toMatchObject({ health: 'interrupted', operation: { kind: 'update' } });
    // update finds the journal: its plan is the rollback of the interrupted one (--dry-run: nothing runs).
    const again = await cli(configDir, ['update', NAME, '--to', '2', '--dry-run', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'planned', kind: 'update', steps: [expect.stringContaining('Roll back to labapp 1'), 'Record that the update to bad was rolled back'] });
    const undo = await cli(configDir, ['undo', NAME, '--yes']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(await httpGet(`${URL_}/version`)).toEqual({ status: 200, body: '1' });
    expect(await httpGet(`${URL_}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await onHost(HOST, `cat ${DATA}/mine.txt`)).toBe('precious\n');
    expect(await starts()).toBe(before + 1);
    const after = await record();
    expect(after.operation).toBeUndefined();
    expect(after.version).toBe('1');
    expect(after.releases.at(-1)).toMatchObject({ version: 'bad', result: 'rolled-back' });
    expect((await cli(configDir, ['uninstall', NAME])).code).toBe(0);
  });
});
