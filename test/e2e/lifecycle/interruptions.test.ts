// Interruptions are input too (issue 13): signals sent to the real process, a second Ctrl-C, and a
// closed output (`| tee` gone) during an install's health wait. Each either undoes what it made or
// leaves the journal on the host, which status lists and undo / resume / uninstall finish.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, loadLab } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, projectContainers } from '../compose/compose-lab.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const HOST = 'docker';
let configDir = '';

beforeAll(async () => {
  // The "bad" build never becomes healthy: the install sits in its health wait until interrupted.
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 120\n');
});

/** An install started like a user would, output piped to us; resolves its exit code and output. */
function startInstall(name: string, port: number, version = 'bad') {
  const child = spawn(
    process.execPath,
    [BIN, '--config-dir', configDir, '--ssh-config', loadLab().ssh.config, 'install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', name, '--set', `version=${version}`, '--set', `port=${port}`, '--set', `data_dir=/srv/${name}/data`, '--yes', '--reuse-data'],
    { env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

async function inHealthWait(run: { out: () => { stderr: string } }): Promise<void> {
  await eventually('the install to reach its health wait', async () => run.out().stderr.includes('Wait for the containers to be healthy'), 90_000);
}

/** Nothing of the deployment is left on the host: containers, project, record, lock. */
async function nothingLeft(name: string): Promise<void> {
  expect(await projectContainers(HOST, name)).toEqual([]);
  expect(await existsOnHost(HOST, `/opt/homelab-tui/${name}`)).toBe(false);
  expect(await existsOnHost(HOST, `/var/lib/homelab-tui/deployments/${name}.json`)).toBe(false);
  expect(await existsOnHost(HOST, `/var/lib/homelab-tui/locks/${name}.lock`)).toBe(false);
}

async function statusOf(name: string): Promise<Record<string, unknown> | undefined> {
  const run = await cli(configDir, ['status', '--host', HOST, '--json']);
  const parsed = JSON.parse(run.stdout) as { deployments: Array<Record<string, unknown>> };
  return parsed.deployments.find((d) => d.name === name);
}

function send(child: ChildProcess, signal: NodeJS.Signals): void {
  expect(child.kill(signal)).toBe(true);
}

describe('an install interrupted during its health wait', () => {
  it.each([
    ['SIGTERM', 'int-term', 18131],
    ['SIGHUP', 'int-hup', 18132],
    ['SIGINT', 'int-int', 18133],
  ] as const)('%s undoes what was made and says so; nothing is left', async (signal, name, port) => {
    const run = startInstall(name, port);
    await inHealthWait(run);
    send(run.child, signal);
    const { code } = await run.exited;
    const { stdout, stderr } = run.out();
    expect(code).toBe(1);
    expect(stderr).toContain(`interrupted (${signal}): undoing what was done`);
    expect(stderr).toContain('↶ undo: Start the containers');
    expect(stdout).toContain(`install of ${name} on ${HOST} cancelled`);
    expect(stderr).not.toMatch(/\n\s+at .*\(/);
    await nothingLeft(name);
  });

  it('a closed output (the reader of the pipe went away, then Ctrl-C) still undoes, without a stack trace', async () => {
    const name = 'int-pipe';
    const run = startInstall(name, 18134);
    await inHealthWait(run);
    // As `| tee log` after Ctrl-C: the reader is gone, then the signal arrives.
    run.child.stdout?.destroy();
    run.child.stderr?.destroy();
    send(run.child, 'SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(1);
    await eventually('the undo to have removed everything', async () => (await projectContainers(HOST, name)).length === 0, 60_000);
    await nothingLeft(name);
  });

  it('a second signal stops at once: the journal waits on the host, status lists it as interrupted, undo takes it back', async () => {
    const name = 'int-twice';
    const run = startInstall(name, 18135);
    await inHealthWait(run);
    send(run.child, 'SIGINT');
    await eventually('the undo to start', async () => run.out().stderr.includes('interrupted (SIGINT)'));
    send(run.child, 'SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(run.out().stderr).toContain(`stopped at once (SIGTERM): the journal on ${HOST} says what was done`);
    expect(run.out().stderr).toContain(`take it back: homelab-tui undo ${name} --host ${HOST}`);

    const listed = await statusOf(name);
    expect(listed).toMatchObject({ host: HOST, health: 'interrupted', operation: { kind: 'install' }, hint: expect.stringContaining(`homelab-tui undo ${name} --host ${HOST}`) });
    const restart = await cli(configDir, ['restart', name, '--host', HOST]);
    expect(restart.code).toBe(1);
    expect(restart.stderr).toContain(`${name} on ${HOST} has an interrupted install`);

    const undo = await cli(configDir, ['undo', name, '--host', HOST, '--yes', '--json']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ status: 'succeeded', name, host: HOST, kind: 'uninstall' });
    await nothingLeft(name);
    expect(await existsOnHost(HOST, `/srv/${name}/data`)).toBe(true);
  });

  it('resume finishes it: the half-made one is removed and installed again (here with the answer that broke it changed)', async () => {
    const name = 'int-resume';
    const run = startInstall(name, 18136);
    await inHealthWait(run);
    send(run.child, 'SIGINT');
    await eventually('the undo to start', async () => run.out().stderr.includes('interrupted (SIGINT)'));
    send(run.child, 'SIGINT');
    expect((await run.exited).code).toBe(130);
    const resumed = await cli(configDir, ['resume', name, '--host', HOST, '--yes', '--set', 'version=1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`installed ${name} on ${HOST} again with the same answers`);
    expect(await statusOf(name)).toMatchObject({ health: 'healthy', version: '1' });
    const gone = await cli(configDir, ['uninstall', name, '--host', HOST, '--purge', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    await nothingLeft(name);
  });

  it('a lock whose holder died is reported stale with its id; unlock removes exactly that one', async () => {
    const name = 'int-lock';
    const run = startInstall(name, 18137);
    await inHealthWait(run);
    // SIGKILL: no undo, no release; the lock and the journal stay, the holder is gone.
    send(run.child, 'SIGKILL');
    await run.exited;
    const refused = await cli(configDir, ['install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', name, '--set', 'version=1', '--set', 'port=18137', '--yes']);
    expect(refused.code).not.toBe(0);
    const shown = await cli(configDir, ['unlock', name, '--host', HOST]);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toMatch(/locked by install \S+ by \S+@\S+ \(pid \d+, homelab-tui \S+, since .*looks gone \(process \d+ on \S+ has ended\)/);
    const id = /--id (\S+)/.exec(shown.stderr)?.[1] ?? '';
    expect((await cli(configDir, ['unlock', name, '--host', HOST, '--id', 'not-this-one'])).code).toBe(1);
    const unlocked = await cli(configDir, ['unlock', name, '--host', HOST, '--id', id]);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(await existsOnHost(HOST, `/var/lib/homelab-tui/locks/${name}.lock`)).toBe(false);
    // The journal is still there: uninstall works on the interrupted install.
    expect(await statusOf(name)).toMatchObject({ health: 'interrupted' });
    const gone = await cli(configDir, ['uninstall', name, '--host', HOST, '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    await nothingLeft(name);
  });
});
