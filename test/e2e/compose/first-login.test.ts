// Issue 19: an app that prints its first login in its log (qBittorrent 4.6.1+: a temporary WebUI
// password) has it shown after a compose install, read from the container's real log on the lab's
// docker host. The lab app prints qBittorrent's banner line before it starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, cli, labConfigDir } from './compose-lab.js';

const HOST = 'docker';
const NAME = 'first-d1';
const env = { HOMELAB_TUI_CATALOG_DIR: CATALOG };
let configDir = '';

beforeAll(async () => {
  configDir = await labConfigDir();
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
}, 60_000);

afterAll(async () => {
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
});

describe('the first login an app prints in its log', () => {
  it('the plan has the step; install shows the password read from the container log', async () => {
    const plan = await cli(configDir, ['plan', 'labfirst', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', 'port=18295'], env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("Show labfirst's first login");
    const run = await cli(configDir, ['install', 'labfirst', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', 'port=18295', '--yes'], env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(`${run.stdout}\n${run.stderr}`).toContain('First login: user admin, temporary password Lab7Temp9x');
    expect(`${run.stdout}\n${run.stderr}`).not.toContain('no temporary password in the log');
  }, 120_000);
});
