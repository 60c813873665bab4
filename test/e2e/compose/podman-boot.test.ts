// Issue 19: a Podman deployment comes back after a reboot. Podman has no daemon; at boot its
// podman-restart.service runs `podman start --all --filter restart-policy=always`. The lab host has
// no systemd, so this file runs that sequence itself: the project's containers stop (as at
// shutdown), then the service's command runs. With `restart: unless-stopped` (what compose files had
// before) nothing would match the filter and the app would stay down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost } from '../../support/lab.js';
import { cli, labConfigDir, onHost } from './compose-lab.js';

const HOST = 'podman';
const NAME = 'boot-p1';
const PORT = 18292;
const url = `http://${labHost(HOST).address}:${PORT}/health`;
let configDir = '';

beforeAll(async () => {
  configDir = await labConfigDir();
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes']);
});

afterAll(async () => {
  await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes']);
});

describe('a Podman deployment after a reboot', () => {
  it('is written with restart: always and runs again after the stop + podman-restart sequence', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(await onHost(HOST, `cat /opt/homelab-tui/${NAME}/compose.yaml`)).toMatch(/restart: "?always"?\n/);
    await onHost(HOST, `podman ps -q --filter label=com.docker.compose.project=${NAME} | xargs -r podman stop`);
    expect((await httpGet(url).catch(() => ({ status: 0, body: '' }))).status).not.toBe(200);
    // podman-restart.service's ExecStart (containers/podman contrib/systemd/system/podman-restart.service.in).
    await onHost(HOST, 'podman start --all --filter restart-policy=always >/dev/null');
    await eventually('the app to answer again', async () => (await httpGet(url)).status === 200);
    expect(await httpGet(url)).toEqual({ status: 200, body: 'ok' });
  }, 120_000);
});
