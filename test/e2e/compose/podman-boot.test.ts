// Issue 19: a Podman deployment comes back after a reboot. Podman has no daemon: at boot its
// podman-restart.service (shipped with Podman; the provider enables it, with a drop-in per project
// where systemd runs) starts the containers whose restart policy is `always`, and at shutdown its
// ExecStop stops them. The lab host has no systemd, so this file plays the reboot itself, from the
// unit file installed on the host: ExecStop as shutdown runs it, then what a reboot does to Podman's
// run-time state (its runroot and tmp_dir are tmpfs on a real host: /run/containers/storage and
// /run/libpod; without the `alive` file there Podman refreshes its state on the next command, as
// after a real boot), then ExecStart as boot runs it. With `restart: unless-stopped` (what compose
// files had before) nothing would match the filter and the app would stay down.
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost, shellQuote } from '../../support/lab.js';
import { cli, lab, labConfigDir, onHost } from './compose-lab.js';

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

/** The unit's Environment= assignments and one Exec line, from the file Podman's package installed on the host. */
async function unitLines(key: 'ExecStart' | 'ExecStop'): Promise<{ env: string[]; exec: string }> {
  const text = await onHost(HOST, 'cat /usr/lib/systemd/system/podman-restart.service 2>/dev/null || cat /lib/systemd/system/podman-restart.service');
  const lines = text.split('\n').map((l) => l.trim());
  const env = lines.filter((l) => l.startsWith('Environment=')).map((l) => l.slice('Environment='.length));
  const exec = lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1).replace(/^[-@:+!]+/, '');
  expect(exec, `podman-restart.service has no ${key}`).toBeTruthy();
  return { env, exec: exec ?? '' };
}

/**
 * Runs an Exec line as systemd would here: its Environment= set, `$NAME` split into words and quotes
 * taken as systemd.service(5) takes them (for these lines the shell's rules give the same words).
 */
async function runUnitLine(key: 'ExecStart' | 'ExecStop'): Promise<void> {
  const { env, exec } = await unitLines(key);
  await onHost(HOST, `${env.map((e) => `export ${e};`).join(' ')} eval ${shellQuote(exec)} >/dev/null 2>&1`);
}

describe('a Podman deployment after a reboot', () => {
  it('is written with restart: always and is healthy in status after shutdown and boot run podman-restart.service', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(await onHost(HOST, `cat /opt/homelab-tui/${NAME}/compose.yaml`)).toMatch(/restart: "?always"?\n/);
    // No systemd on the lab host: the install wrote no drop-in and said how to start it after a reboot.
    expect(run.stdout + run.stderr).toMatch(/no systemd or no podman-restart\.service here/);

    // Shutdown: the unit's ExecStop stops the containers with restart policy always.
    await runUnitLine('ExecStop');
    const states = await onHost(HOST, `podman ps -a --filter label=com.docker.compose.project=${NAME} --format '{{.State}}'`);
    expect(states.trim()).toMatch(/^exited/i);
    expect((await httpGet(url).catch(() => ({ status: 0, body: '' }))).status).not.toBe(200);

    // The reboot: Podman's run-time directories are empty again (tmpfs on a real host).
    const podmanDir = dirname(lab.podman.containersConf);
    await onHost(HOST, `find ${shellQuote(`${podmanDir}/run`)} ${shellQuote(`${podmanDir}/tmp`)} -mindepth 1 -maxdepth 1 -exec rm -rf -- {} +`);

    // Boot: the unit's ExecStart.
    await runUnitLine('ExecStart');
    await eventually('the app to answer again', async () => (await httpGet(url).catch(() => ({ status: 0 }))).status === 200);
    const status = await cli(configDir, ['status', '--host', HOST, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const deployment = (JSON.parse(status.stdout) as { deployments: { name: string; health: string; services: { state: string }[] }[] }).deployments.find((d) => d.name === NAME);
    expect(deployment?.health).toBe('healthy');
    expect(deployment?.services.map((s) => s.state)).toEqual(['running']);
  }, 120_000);
});
