// Stop, start and a shell from the dashboard on the lab's Podman host (podman-compose 1.0.3), as
// actions.test.ts does on Docker: S asks then stops (the container stays, exited), T starts it healthy
// again, and E opens a shell in the container (`hostname` there is the container's) whose exit
// brings the dashboard back intact, its keys working.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sshRun } from '../../support/lab.js';
import { dashboardShellSession } from '../../support/shell-session.js';
import type { TmuxSession } from '../../support/tmux.js';
import { cli, labConfigDir, selectRow, startApp } from './dashboard-lab.js';

const host = 'podman';
const app = { name: 'pod-act', port: 18236 };
let configDir = '';
let session: TmuxSession | undefined;

async function onHost(line: string): Promise<string> {
  const res = await sshRun(host, line, { timeoutMs: 60_000 });
  expect(res.exitCode, `${host}: ${line}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

beforeAll(async () => {
  configDir = await labConfigDir([host]);
  await cli(configDir, ['uninstall', app.name, '--host', host, '--purge', '--yes']);
  const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', app.name, '--set', `port=${app.port}`, '--set', `data_dir=/srv/${app.name}/data`, '--yes']);
  expect(run.code, run.stderr).toBe(0);
}, 300_000);

afterEach(async () => {
  await session?.stop();
  session = undefined;
});

afterAll(async () => {
  await cli(configDir, ['uninstall', app.name, '--host', host, '--purge', '--yes']);
  await sshRun(host, `rm -rf /srv/${app.name}`, { timeoutMs: 60_000 });
});

describe('dashboard actions on Podman (lab)', () => {
  it('stops with S after a question, then starts with T; the row follows (stopped, then healthy)', async () => {
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${app.name} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, app.name);
    await session.press('S');
    await session.waitFor(`Stop ${app.name} (every service) on ${host}? [y/N]`);
    await session.press('y');
    await session.waitFor(`✓ stopped ${app.name} on ${host}; start it again with T`, 60_000);
    await session.waitFor(new RegExp(`${app.name} +0/1 up +. stopped`), 30_000);
    expect((await onHost(`podman ps -a --filter label=com.docker.compose.project=${app.name} --format '{{.Status}}'`)).trim()).toMatch(/^Exited /);
    await session.press('T');
    await session.waitFor(`✓ started ${app.name} on ${host}; it is healthy`, 120_000);
    await session.waitFor(new RegExp(`${app.name} +1/1 up +✓ healthy`), 30_000);
  });

  it('E opens a shell in the container (its hostname there); exit 5 brings the dashboard back as it was, and its keys work again', async () => {
    const id = (await onHost(`podman ps -q --filter label=com.docker.compose.project=${app.name} --filter label=com.docker.compose.service=labapp`)).trim();
    const hostname = (await onHost(`podman inspect --format '{{.Config.Hostname}}' ${id}`)).trim();
    expect(hostname).not.toBe('');
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${app.name} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, app.name);
    await dashboardShellSession(session, { name: app.name, host, hostname, exitCode: 5 });
    // Keys reach the app again: the selection moves off the deployment, and q quits.
    await session.press('k');
    await session.waitFor(new RegExp(`^(?![\\s\\S]*▸ ${app.name}\\b)[\\s\\S]*▸ `), 10_000);
    await session.press('q');
    await session.waitFor(/^(?![\s\S]*homelab-tui · dashboard)/, 10_000);
  });
});
