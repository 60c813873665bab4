// stop and start of the lab app through the built CLI, on Docker (docker-compose 1.29) and Podman
// (podman-compose 1.0.3): the whole deployment and one service, --dry-run changing nothing. One install per host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { cli, engineOf, labConfigDir, onHost } from './compose-lab.js';

let configDir = '';
beforeAll(async () => {
  configDir = await labConfigDir();
});

describe.each([
  { host: 'docker', port: 18095 },
  { host: 'podman', port: 18096 },
])('stop and start on $host', ({ host, port }) => {
  const name = `stst-${host}`;
  const url = `http://${labHost(host).address}:${port}`;
  const states = async () => (await onHost(host, `${engineOf(host)} ps -a --filter label=com.docker.compose.project=${name} --format '{{.Status}}'`)).trim();
  const health = async () => {
    const run = await cli(configDir, ['status', '--host', host, '--json']);
    return (JSON.parse(run.stdout) as { deployments: { name: string; health: string }[] }).deployments.find((d) => d.name === name)?.health;
  };

  beforeAll(async () => {
    // A run before this one left its history (uninstall keeps it): start from none.
    await onHost(host, `rm -rf /var/lib/homelab-tui/history/${name}`);
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', `port=${port}`, '--set', `data_dir=/srv/${name}/data`, '--yes', '--reuse-data']);
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(async () => {
    await cli(configDir, ['uninstall', name, '--yes']);
  });

  it('stop --dry-run shows the plan and changes nothing', async () => {
    const run = await cli(configDir, ['stop', name, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Stop every service');
    expect(run.stdout).toMatch(/-compose -p stst-\w+ -f \/opt\/homelab-tui\/stst-\w+\/compose\.yaml stop/);
    expect(await states()).toMatch(/^Up /);
  });

  it('stop: the containers stay, stopped; the app no longer answers; status says stopped', async () => {
    const run = await cli(configDir, ['stop', name, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`stopped ${name} on ${host}; start it again with: homelab-tui start ${name} --host ${host}`);
    expect(await states()).toMatch(/^Exited /);
    await expect(httpGet(`${url}/health`)).rejects.toThrow();
    expect(await health()).toBe('stopped');
  });

  it('start: running and healthy again, answering HTTP', async () => {
    const run = await cli(configDir, ['start', name, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`started ${name} on ${host}; it is healthy`);
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await health()).toBe('healthy');
  });

  it('one service: stop labapp, then start labapp; a service it lacks is refused with exit 2', async () => {
    const stop = await cli(configDir, ['stop', name, 'labapp', '--yes', '--json']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(JSON.parse(stop.stdout)).toMatchObject({ status: 'succeeded' });
    expect(await states()).toMatch(/^Exited /);
    const start = await cli(configDir, ['start', name, 'labapp', '--yes']);
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout.trim()).toBe(`started labapp of ${name} on ${host}; it is healthy`);
    const wrong = await cli(configDir, ['stop', name, 'nosuch', '--yes']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`${name} has no service "nosuch"`);
    expect(await states()).toMatch(/^Up /);
  });

  it('history NAME lists every operation from the host, oldest first, with who, how long and the result', async () => {
    const run = await cli(configDir, ['history', name, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const history = JSON.parse(run.stdout) as { host: string; entries: { kind: string; status: string; durationMs: number; by: { user: string }; lines: string[] }[] };
    expect(history.host).toBe(host);
    // --dry-run and the refused service left no entry.
    expect(history.entries.map((e) => `${e.kind}:${e.status}`)).toEqual(['install:succeeded', 'stop:succeeded', 'start:succeeded', 'stop:succeeded', 'start:succeeded']);
    expect(history.entries[1]?.lines).toContain('[1/1] Stop every service');
    expect(history.entries.every((e) => e.durationMs > 0 && e.by.user.length > 0)).toBe(true);
    // Kept on the host, readable by root only: another admin's copy of the tool sees the same.
    expect((await onHost(host, `stat -c '%a' /var/lib/homelab-tui/history/${name}/*.json`)).trim().split('\n')).toEqual(Array(5).fill('600'));
    const text = await cli(configDir, ['history', name]);
    expect(text.stdout).toMatch(/^WHEN +WHAT +WHO +TOOK +RESULT$/m);
    expect(text.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +stop +\S+@\S+ +\d+\.\ds +succeeded$/m);
  });
});
