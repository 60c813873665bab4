// install → status → logs → restart → uninstall of the lab app through the built CLI, on the Docker
// host (docker-compose 1.29) and the Podman host (podman-compose 1.0.3), over the real SSH transport.
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost } from '../../support/lab.js';
import { cli, existsOnHost, labConfigDir, onHost, projectContainers, startCli } from './compose-lab.js';

let configDir = '';
beforeAll(async () => {
  configDir = await labConfigDir();
});

describe.each([
  { host: 'docker', port: 18090 },
  { host: 'podman', port: 18091 },
])('the lab app on $host', ({ host, port }) => {
  const name = `life-${host}`;
  const dataDir = `/srv/${name}/data`;
  const url = `http://${labHost(host).address}:${port}`;

  it('installs healthy: it answers HTTP, and its record is on the host', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', `port=${port}`, '--set', `data_dir=${dataDir}`, '--yes', '--reuse-data']);
    expect(run.code, run.stderr).toBe(0);
    // The URL has the address ssh connects to (the alias's HostName), which a browser can open.
    expect(run.stdout.trim()).toBe(`installed ${name} on ${host}: ${url}/`);
    expect(run.stderr).toMatch(/^\[6\/6 +83%\] Write the deployment record$/m);
    expect(run.stderr).toContain('✓ succeeded in');
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    const record = JSON.parse(await onHost(host, `cat /var/lib/homelab-tui/deployments/${name}.json`)) as { app: string; refs: Record<string, string>; data: unknown[] };
    // The data dir outlives uninstalls (on purpose): a run after another reuses it (--reuse-data), so it was not created then.
    expect(record).toMatchObject({ app: 'labapp', refs: { project: name, dir: `/opt/homelab-tui/${name}`, flavour: host === 'docker' ? 'docker-compose' : 'podman-compose' }, data: [{ path: dataDir, created: expect.any(Boolean) }] });
    expect(await existsOnHost(host, `${dataDir}/first-start`)).toBe(true);
  });

  it('status --json shows it healthy, per service, with its probe; the exit code is 0', async () => {
    const run = await cli(configDir, ['status', '--host', host, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { deployments, hosts } = JSON.parse(run.stdout) as { deployments: { name: string; health: string; services: { name: string; state: string; health: string; version: string }[]; probe: { ok: boolean } }[]; hosts: { reachable: boolean }[] };
    expect(hosts).toEqual([expect.objectContaining({ host, reachable: true, deployments: 1 })]);
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({ name, health: 'healthy', probe: { ok: true } });
    expect(deployments[0]?.services).toEqual([expect.objectContaining({ name: 'labapp', state: 'running', health: 'healthy', version: '1', restarts: 0, uptimeSeconds: expect.any(Number) })]);
    // CPU and memory from one `stats --no-stream` of the host: the app's httpd uses some memory.
    const figures = deployments[0]?.services[0] as unknown as { cpuPercent: number; memoryBytes: number };
    expect(figures.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(figures.memoryBytes).toBeGreaterThan(100_000);
    const text = await cli(configDir, ['status', '--host', host]);
    expect(text.stdout).toMatch(new RegExp(`^${host} +${name} +labapp +1 +compose +healthy +labapp:running/healthy up \\d+[sm]$`, 'm'));
  });

  it('logs shows the app\'s lines tagged with the service; --follow stops on Ctrl-C', async () => {
    const run = await cli(configDir, ['logs', name, '--tail', '20']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('labapp | labapp 1 starting, data in /data');
    const follow = startCli(configDir, ['logs', name, 'labapp', '--follow', '--since', '1h']);
    await eventually('the first followed line', async () => follow.output().includes('labapp | labapp 1 starting'), 30_000);
    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
    // Following ended on the host too: no `logs --follow` left running there.
    await eventually('the remote logs process to end', async () => !(await onHost(host, 'ps -eo args')).includes('logs --timestamps --since 1h --follow'), 15_000);
  });

  it('restart brings it back healthy (it starts a second time)', async () => {
    // The data dir outlives uninstalls (on purpose), so count from what it holds now.
    const starts = async () => (await onHost(host, `cat ${dataDir}/starts.log`)).trim().split('\n').length;
    const before = await starts();
    const run = await cli(configDir, ['restart', name]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`restarted ${name} on ${host}; it is healthy`);
    expect(await starts()).toBe(before + 1);
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
  });

  it('uninstall removes containers, project and record, and keeps the data', async () => {
    const before = await onHost(host, `cat ${dataDir}/first-start`);
    const run = await cli(configDir, ['uninstall', name]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`uninstalled ${name} from ${host}; its data stays in ${dataDir}`);
    expect(await projectContainers(host, name)).toEqual([]);
    expect(await existsOnHost(host, `/opt/homelab-tui/${name}`)).toBe(false);
    expect(await existsOnHost(host, `/var/lib/homelab-tui/deployments/${name}.json`)).toBe(false);
    expect(await onHost(host, `cat ${dataDir}/first-start`)).toBe(before);
    if (host === 'podman') expect(await onHost(host, 'podman network ls --format "{{.Name}}"')).not.toContain(`${name}_default`);
    const status = await cli(configDir, ['status', '--host', host, '--json']);
    expect(JSON.parse(status.stdout).deployments).toEqual([]);
  });
});
