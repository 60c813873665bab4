import { describe, expect, it } from 'vitest';
import { ComposeProvider } from '../../../../src/providers/compose/compose-provider.js';
import { healthcheckRunCommand, inspectCommand, logsCommand, psCommand } from '../../../../src/providers/compose/engine-commands.js';
import { mergeAsync } from '../../../../src/providers/compose/merge-async.js';
import { parsePs } from '../../../../src/providers/compose/parse-containers.js';
import { splitTimestamp } from '../../../../src/providers/compose/stream-logs.js';
import type { LogLine } from '../../../../src/providers/provider.js';
import { settingsSchema } from '../../../../src/platform/config/settings.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { contextOf, fakeComposeHost } from './fake-host.js';
import { capturedOutput, DOCKER_V1, fixture, PODMAN_COMPOSE } from './fixtures.js';

const provider = new ComposeProvider(settingsSchema.parse({}).compose);

function fxRecord(flavour: string, services: string): DeploymentRecord {
  return {
    schema: 1,
    name: 'fx',
    app: 'labapp',
    version: '1',
    provider: 'compose',
    host: 'lab',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    answers: {},
    secretKeys: [],
    refs: { project: 'fx', dir: '/opt/homelab-tui/fx', file: '/opt/homelab-tui/fx/compose.yaml', flavour, engine: flavour.startsWith('podman') ? 'podman' : 'docker', services, main: 'app' },
    urls: [],
    releases: [],
  };
}

describe('status', () => {
  it('on Podman it runs each running container\'s healthcheck (no timer does) and reports its verdict', async () => {
    const runner = fakeComposeHost('podman', {});
    const ps = fixture(PODMAN_COMPOSE, 'ps.json');
    const refs = parsePs(ps);
    const id = (service: string) => refs.find((r) => r.service === service)?.id ?? '';
    runner.expect(
      { argv: psCommand('podman', 'fx').argv, result: { stdout: ps } },
      { argv: inspectCommand('podman', refs.map((r) => r.id)).argv, result: { stdout: fixture(PODMAN_COMPOSE, 'inspect.json') } },
      { argv: healthcheckRunCommand(id('app')).argv, result: capturedOutput(fixture(PODMAN_COMPOSE, 'healthcheck-run-healthy.txt')) },
      { argv: healthcheckRunCommand(id('bad')).argv, result: capturedOutput(fixture(PODMAN_COMPOSE, 'healthcheck-run-unhealthy.txt')) },
    );
    const status = await provider.status(contextOf(runner), fxRecord('podman-compose', 'app,bad'));
    const bad = status.services.find((s) => s.name === 'bad');
    expect(status.services.find((s) => s.name === 'app')).toMatchObject({ state: 'running', health: 'healthy' });
    // The capture ran the check long after the start period, so its failure counts.
    expect(bad).toMatchObject({ state: 'running', health: 'unhealthy' });
    expect(status.health).toBe('degraded');
    expect(status.reason).toContain('bad is unhealthy: unhealthy');
    runner.verify();
  });

  it('a host without its engine is "unknown" with the reason, not an exception', async () => {
    const runner = fakeComposeHost('podman', {});
    const status = await new ComposeProvider({ ...settingsSchema.parse({}).compose, flavour: 'docker compose' }).status(contextOf(runner), fxRecord('docker compose', 'app'));
    expect(status).toMatchObject({ health: 'unknown', services: [] });
    expect(status.reason).toContain('docker compose (chosen in settings) is not usable');
  });
});

describe('logs', () => {
  it('tags each line with its service and merges services in time order', async () => {
    const runner = fakeComposeHost('docker', {});
    const ps = fixture(DOCKER_V1, 'ps.jsonl');
    const refs = parsePs(ps).filter((r) => r.service === 'app' || r.service === 'side');
    const lines = (...entries: [string, string][]) => entries.map(([time, text]) => ({ source: 'stdout' as const, line: `${time} ${text}` }));
    const picked = fixture(DOCKER_V1, 'ps.jsonl').split('\n').filter((l) => refs.some((r) => l.includes(`"ID":"${r.id}"`))).join('\n');
    runner.expect(
      { argv: psCommand('docker', 'fx').argv, result: { stdout: picked } },
      { argv: inspectCommand('docker', refs.map((r) => r.id)).argv, result: { stdout: JSON.stringify(JSON.parse(fixture(DOCKER_V1, 'inspect.json')).filter((c: { Id: string }) => refs.some((r) => c.Id.startsWith(r.id)))) } },
    );
    // Logs are read by the full id inspect gives.
    const full = (id: string) => (JSON.parse(fixture(DOCKER_V1, 'inspect.json')) as { Id: string }[]).find((c) => c.Id.startsWith(id))?.Id ?? '';
    const [first, second] = refs.map((r) => ({ ...r, id: full(r.id) }));
    if (!first || !second) throw new Error('fixture without app and side');
    runner.expect(
      { argv: logsCommand('docker', first.id, { tail: 5 }).argv, lines: lines(['2026-11-22T12:23:12.500000000Z', `${first.service} one`], ['2026-11-22T12:23:14.000000000Z', `${first.service} three`]) },
      { argv: logsCommand('docker', second.id, { tail: 5 }).argv, lines: lines(['2026-11-22T12:23:13.000000000Z', `${second.service} two`]) },
    );
    const got: LogLine[] = [];
    for await (const line of provider.logs(contextOf(runner), fxRecord('docker-compose', 'app,side'), { tail: 5 })) got.push(line);
    expect(got.map((l) => `${l.source} | ${l.line}`)).toEqual([`${first.service} | ${first.service} one`, `${second.service} | ${second.service} two`, `${first.service} | ${first.service} three`]);
    expect(got[0]?.time).toBe('2026-11-22T12:23:12.500000000Z');
  });

  it('names the services there are when asked for one that is not', async () => {
    const lines = provider.logs(contextOf(fakeComposeHost('docker', {})), fxRecord('docker-compose', 'app'), { service: 'nope' });
    await expect(lines[Symbol.asyncIterator]().next()).rejects.toThrow('"fx" has no service "nope"');
  });

  it('splits docker\'s time stamps off a captured line', () => {
    const line = capturedOutput(fixture(DOCKER_V1, 'logs-side.txt')).stdout.trim();
    expect(splitTimestamp(line)).toEqual({ time: expect.stringMatching(/^2026-11-22T12:\d\d:\d\d\.\d+Z$/), line: 'side up' });
    expect(splitTimestamp('no stamp here')).toEqual({ line: 'no stamp here' });
  });

  it('mergeAsync interleaves as items arrive and ends when all have', async () => {
    async function* slow(items: string[], ms: number) {
      for (const item of items) {
        await new Promise((r) => setTimeout(r, ms));
        yield item;
      }
    }
    const got: string[] = [];
    for await (const item of mergeAsync([slow(['a1', 'a2'], 30), slow(['b1'], 45)])) got.push(item);
    expect(got).toEqual(['a1', 'b1', 'a2']);
  });
});
