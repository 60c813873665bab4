// status exits non-zero and says why when a service is down or a host does not answer; the app's
// own stop (docker stop) reads as stopped, and restart brings it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir, lab, onHost } from './compose-lab.js';

const name = 'st-docker';
let configDir = '';

beforeAll(async () => {
  configDir = await labConfigDir('connectTimeoutSeconds: 3\n');
  // An address in the lab's range that no host has: the route to it is unreachable.
  const gone = await cli(configDir, ['hosts', 'add', 'gone', '--address', `${lab.net}.250.2`, '--user', 'root']);
  expect(gone.code, gone.stderr).toBe(0);
  const run = await cli(configDir, ['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', name, '--set', 'port=18094', '--set', `data_dir=/srv/${name}`, '--yes']);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  await cli(configDir, ['uninstall', name, '--host', 'docker', '--purge', '--yes']);
});

interface StatusJson {
  deployments: { name: string; health: string; reason?: string; hint?: string; services: { name: string; state: string; exitCode?: number }[] }[];
  hosts: { host: string; reachable: boolean; error?: { message: string } }[];
}

describe('status with problems', () => {
  it('a stopped container: exit 1, the deployment "stopped" with the reason', async () => {
    await onHost('docker', `docker stop ${name}_labapp_1`);
    const run = await cli(configDir, ['status', '--host', 'docker', '--json']);
    expect(run.code).toBe(1);
    const [deployment] = (JSON.parse(run.stdout) as StatusJson).deployments;
    expect(deployment).toMatchObject({ name, health: 'stopped', services: [expect.objectContaining({ name: 'labapp', state: 'exited' })] });
    expect(deployment?.reason).toMatch(/^labapp (was stopped \(exit 143, SIGTERM\)|is stopped \(it exited normally\))$/);
  });

  it('restart starts it again; status is back to 0', async () => {
    expect((await cli(configDir, ['restart', name])).code).toBe(0);
    expect((await cli(configDir, ['status', '--host', 'docker'])).code).toBe(0);
  });

  it('a host that does not answer: exit 1, reported with its error, the others still read', async () => {
    const run = await cli(configDir, ['status', '--json']);
    expect(run.code).toBe(1);
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.hosts.find((h) => h.host === 'gone')).toMatchObject({ reachable: false, error: { message: expect.stringContaining('gone') } });
    expect(status.hosts.find((h) => h.host === 'docker')).toMatchObject({ reachable: true });
    expect(status.deployments.find((d) => d.name === name)).toMatchObject({ health: 'healthy' });
  });
});
