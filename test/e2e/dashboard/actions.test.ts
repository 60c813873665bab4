// Actions from the dashboard on the lab's Docker host (compose), through the action table: restart
// shows its progress per deployment (two deployments at once), uninstall with X asks first, saying the
// data is kept, then the deployment leaves the list while its data stays on the host; an action the
// provider does not have shows its reason instead of running; stop (S, asks) and start (T); a shell (E)
// in the container, and back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sshRun } from '../../support/lab.js';
import { dashboardShellSession } from '../../support/shell-session.js';
import type { TmuxSession } from '../../support/tmux.js';
import { cli, labConfigDir, selectRow, startApp } from './dashboard-lab.js';

const host = 'docker';
const one = { name: 'act-one', port: 18231 };
const two = { name: 'act-two', port: 18232 };
let configDir = '';
let session: TmuxSession | undefined;

async function onHost(line: string): Promise<string> {
  const res = await sshRun(host, line, { timeoutMs: 60_000 });
  expect(res.exitCode, `${host}: ${line}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

beforeAll(async () => {
  configDir = await labConfigDir([host]);
  for (const d of [one, two]) {
    await cli(configDir, ['uninstall', d.name, '--host', host, '--purge', '--yes']);
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', d.name, '--set', `port=${d.port}`, '--set', `data_dir=/srv/${d.name}/data`, '--yes']);
    expect(run.code, run.stderr).toBe(0);
  }
}, 300_000);

afterEach(async () => {
  await session?.stop();
  session = undefined;
});

afterAll(async () => {
  for (const d of [one, two]) await cli(configDir, ['uninstall', d.name, '--host', host, '--purge', '--yes']);
  await sshRun(host, `rm -rf /srv/${one.name} /srv/${two.name}`, { timeoutMs: 60_000 });
});

describe('dashboard actions on the lab', () => {
  it('restarts two deployments at once, each with its own progress line, and both end healthy', async () => {
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${one.name} +1/1 up +✓ healthy[\\s\\S]*${two.name} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, one.name);
    await session.press('R');
    await session.waitFor(`Restart ${one.name} (every service) on ${host}? [y/N]`);
    await session.press('y');
    await session.waitFor(`… restarting ${one.name} on ${host}`);
    await selectRow(session, two.name);
    await session.press('R');
    await session.waitFor(`Restart ${two.name} (every service) on ${host}? [y/N]`);
    await session.press('y');
    // Both run at once, each on its own line with its step.
    const both = await session.waitFor(new RegExp(`… restarting ${one.name} on ${host}.*\\n.*… restarting ${two.name} on ${host} \\(step \\d+/\\d+`), 30_000);
    expect(both).toMatch(new RegExp(`… restarting ${one.name} on ${host} \\(step \\d+/\\d+: `));
    // Both end (in either order: the later result is the notice left), and no progress line is left.
    await session.waitFor(new RegExp(`^(?![\\s\\S]*… restarting)[\\s\\S]*✓ restarted (${one.name}|${two.name}) on ${host}; it is healthy`), 120_000);
    const status = await cli(configDir, ['status', '--host', host, '--json']);
    const { deployments } = JSON.parse(status.stdout) as { deployments: Array<{ name: string; health: string }> };
    for (const d of [one, two]) expect(deployments.find((x) => x.name === d.name)).toMatchObject({ health: 'healthy' });
  });

  it('asks before an update (U) and runs nothing on no', async () => {
    // Every action of a compose deployment is available now (update, backup): the reasons of actions a
    // provider lacks are covered by test/unit/screens/Actions.test.tsx.
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${two.name} +1/1 up`), 60_000);
    await selectRow(session, two.name);
    await session.press('U');
    await session.waitFor(`Update ${two.name} on ${host} to the newest version its recipe knows?`);
    await session.waitFor('[y/N]');
    await session.press('n');
    expect(await session.screen()).not.toContain('updating');
    const status = await cli(configDir, ['status', '--host', host, '--json']);
    const { deployments } = JSON.parse(status.stdout) as { deployments: Array<{ name: string; version: string }> };
    expect(deployments.find((x) => x.name === two.name)).toMatchObject({ version: '1' });
  });

  it('stops with S after a question, then starts with T; the row follows (stopped, then healthy)', async () => {
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${two.name} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, two.name);
    await session.press('S');
    await session.waitFor(`Stop ${two.name} (every service) on ${host}? [y/N]`);
    await session.press('y');
    await session.waitFor(`✓ stopped ${two.name} on ${host}; start it again with T`, 60_000);
    await session.waitFor(new RegExp(`${two.name} +0/1 up +. stopped`), 30_000);
    expect((await onHost(`docker ps -a --filter label=com.docker.compose.project=${two.name} --format '{{.Status}}'`)).trim()).toMatch(/^Exited /);
    await session.press('T');
    await session.waitFor(`✓ started ${two.name} on ${host}; it is healthy`, 120_000);
    await session.waitFor(new RegExp(`${two.name} +1/1 up +✓ healthy`), 30_000);
  });

  it('E opens a shell in the container (its hostname there); exit 4 brings the dashboard back as it was, and its keys work again', async () => {
    const id = (await onHost(`docker ps -q --filter label=com.docker.compose.project=${two.name} --filter label=com.docker.compose.service=labapp`)).trim();
    const hostname = (await onHost(`docker inspect --format '{{.Config.Hostname}}' ${id}`)).trim();
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${two.name} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, two.name);
    await dashboardShellSession(session, { name: two.name, host, hostname, exitCode: 4 });
    // Keys reach the app again: the selection moves, and q quits.
    await session.press('k');
    await session.waitFor(new RegExp(`^(?![\\s\\S]*▸ ${two.name}\\b)[\\s\\S]*▸ `), 10_000);
    await session.press('q');
    await session.waitFor(/^(?![\s\S]*homelab-tui · dashboard)/, 10_000);
  });

  it('uninstalls with X after a question that says the data is kept; the deployment leaves the list and its data stays', async () => {
    await onHost(`echo kept-by-uninstall > /srv/${one.name}/data/marker`);
    session = await startApp(configDir, { columns: 120, rows: 30 });
    await session.waitFor(new RegExp(`${one.name} +1/1 up`), 60_000);
    await selectRow(session, one.name);
    await session.press('X');
    const question = await session.waitFor(`⚠ Uninstall ${one.name} from ${host}? [y/N]`);
    expect(question).toContain(`its data is kept on ${host}`);
    await session.press('y');
    await session.waitFor(`✓ uninstalled ${one.name} from ${host}; its data is kept on ${host}`, 120_000);
    // Gone from the list (the other deployment is still there), its containers gone, its data on the host.
    await session.waitFor(new RegExp(`^(?![\\s\\S]*\\b${one.name} +\\d/\\d up)[\\s\\S]*${two.name} +1/1 up`), 30_000);
    expect((await onHost(`cat /srv/${one.name}/data/marker`)).trim()).toBe('kept-by-uninstall');
    expect((await onHost(`docker ps -a --filter label=com.docker.compose.project=${one.name} --format '{{.Names}}'`)).trim()).toBe('');
    const status = await cli(configDir, ['status', '--host', host, '--json']);
    const { deployments } = JSON.parse(status.stdout) as { deployments: Array<{ name: string }> };
    expect(deployments.map((d) => d.name)).not.toContain(one.name);
  });
});
