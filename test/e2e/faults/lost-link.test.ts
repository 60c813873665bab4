// The link to the host is lost during an install's health wait and Ctrl-C comes (issue 13): undo
// cannot reach the host, tries again for the reconnect window, then says the journal waits on the
// host. When the host is back, status lists the install as interrupted and undo takes it back.
// Serial lane: it takes the docker host's link down.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, labFaults, loadLab } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, projectContainers } from '../compose/compose-lab.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const HOST = 'docker';
const NAME = 'lost-link';
let configDir = '';

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 120\nundoReconnectSeconds: 5\nkeepaliveSeconds: 1\n');
});
afterAll(async () => {
  await labFaults.linkUp(HOST);
});

describe('the link lost during the health wait', () => {
  it('undo waits for the reconnect window, the journal stays on the host, and undo finishes it when the host is back', async () => {
    const child = spawn(
      process.execPath,
      [BIN, '--config-dir', configDir, '--ssh-config', loadLab().ssh.config, 'install', 'labapp', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', 'version=bad', '--set', 'port=18151', '--set', `data_dir=/srv/${NAME}/data`, '--yes', '--reuse-data'],
      { env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await eventually('the health wait', async () => stderr.includes('Wait for the containers to be healthy'), 90_000);
    await labFaults.linkDown(HOST);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toContain(`lost the connection to ${HOST}: trying again for up to`);
    expect(stdout).toContain(`install of ${NAME} on ${HOST} undo-incomplete`);
    expect(stdout).toContain(`the journal waits on ${HOST}: finish it with homelab-tui resume ${NAME} --host ${HOST}, or take it back with homelab-tui undo ${NAME} --host ${HOST}`);
    expect(stderr).not.toMatch(/\n\s+at .*\(/);

    await labFaults.linkUp(HOST);
    const status = JSON.parse((await cli(configDir, ['status', '--host', HOST, '--json'])).stdout) as { deployments: Array<Record<string, unknown>> };
    expect(status.deployments.find((d) => d.name === NAME)).toMatchObject({ health: 'interrupted', operation: { kind: 'install' } });
    const undo = await cli(configDir, ['undo', NAME, '--host', HOST, '--yes']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(await projectContainers(HOST, NAME)).toEqual([]);
    expect(await existsOnHost(HOST, `/opt/homelab-tui/${NAME}`)).toBe(false);
    expect(await existsOnHost(HOST, `/var/lib/homelab-tui/deployments/${NAME}.json`)).toBe(false);
    expect(await existsOnHost(HOST, `/var/lib/homelab-tui/locks/${NAME}.lock`)).toBe(false);
  });
});
