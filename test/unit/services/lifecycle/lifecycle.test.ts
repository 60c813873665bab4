import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentStatus, LogLine, Provider, ProviderContext, Restartable, SharedReads } from '../../../../src/providers/provider.js';
import type { ProviderRegistry } from '../../../../src/providers/registry.js';
import { providerDetector } from '../../../../src/providers/registry.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { recordPath } from '../../../../src/platform/deployments/record-store.js';
import { CommandError, UserError } from '../../../../src/platform/errors.js';
import { thisHolder } from '../../../../src/platform/operation/holder.js';
import type { Plan } from '../../../../src/platform/plan/plan.js';
import { parseDiskUse } from '../../../../src/services/fleet/disk-use.js';
import { lifecycleFleetSource } from '../../../../src/services/lifecycle/fleet-source.js';
import { createLifecycle, type Lifecycle } from '../../../../src/services/lifecycle/lifecycle.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { recordOf } from '../../../support/fleet-doubles.js';
import { HostDouble } from '../install/host-double.js';

/** A provider double: statuses by deployment name (an Error is thrown), logs from a list; counts status reads in flight. */
function fakeProvider(statuses: Record<string, DeploymentStatus | Error>, options: { restartable?: boolean; logs?: LogLine[] } = {}) {
  const planned: string[] = [];
  const flight = { now: 0, most: 0 };
  const provider: Provider = {
    id: 'compose',
    label: 'Docker/Podman compose',
    planUninstall: async () => ({}) as Plan,
    status: async (_ctx: ProviderContext, record: DeploymentRecord) => {
      flight.now++;
      flight.most = Math.max(flight.most, flight.now);
      await new Promise((resolve) => setTimeout(resolve, 5));
      flight.now--;
      const status = statuses[record.name];
      if (status instanceof Error) throw status;
      return status ?? { deployment: record.name, health: 'healthy', services: [{ name: 'web', state: 'running', health: 'none' }] };
    },
    async *logs() {
      yield* options.logs ?? [];
    },
  };
  const restartable: Restartable = {
    planRestart: async (ctx, record, service) => {
      planned.push(`${record.name}/${service ?? '*'}`);
      return { kind: 'restart', deployment: record.name, host: ctx.hostName, provider: 'compose', app: record.app, secrets: [], steps: [{ id: 'restart', title: 'Restart', actions: [{ kind: 'run', command: { argv: ['restart-it', record.name] } }] }] };
    },
  };
  return { provider: options.restartable === false ? provider : { ...provider, ...restartable }, planned, flight };
}

function setUp(records: DeploymentRecord[], provider: Provider | 'missing', host = new HostDouble(), extra: Partial<Parameters<typeof createLifecycle>[0]> = {}): { lifecycle: Lifecycle; host: HostDouble } {
  for (const record of records) host.files.set(recordPath(record.name), JSON.stringify(record));
  const registry: ProviderRegistry = {
    ...providerDetector(['compose']),
    ids: ['compose'],
    entry: () => {
      if (provider === 'missing') throw new UserError('the k3s provider (k3s) is not available in this version of homelab-tui', 'available: compose');
      return {
        provider,
        install: () => {
          throw new Error('not used');
        },
      };
    },
  };
  const lifecycle = createLifecycle({
    hosts: { names: () => ['lab'], open: async (name) => ({ name, address: '10.0.0.2', runner: host }), close: async () => undefined },
    registry,
    clock: new FakeClock(Date.parse('2026-12-05T10:00:00Z')),
    cacheDir: mkdtempSync(join(tmpdir(), 'hl-cache-')),
    operationsDir: mkdtempSync(join(tmpdir(), 'hl-ops-')),
    holder: thisHolder('test'),
    concurrency: 2,
    ...extra,
  });
  return { lifecycle, host };
}

describe('the deployment lifecycle', () => {
  it('reads a host through the providers, at most `concurrency` deployments at once, each with its action table', async () => {
    const fake = fakeProvider({ a: { deployment: 'a', health: 'unhealthy', services: [], reason: 'probe /health returned 500' } }, { restartable: false });
    const { lifecycle } = setUp(['a', 'b', 'c', 'd', 'e'].map((n) => recordOf(n, { host: 'lab' })), fake.provider);
    const reading = await lifecycle.readHost('lab');
    expect(reading.deployments.map((d) => [d.record.name, d.status.health])).toEqual([['a', 'unhealthy'], ['b', 'healthy'], ['c', 'healthy'], ['d', 'healthy'], ['e', 'healthy']]);
    expect(fake.flight.most).toBe(2);
    expect(reading.deployments[0]?.actions?.restart).toEqual({ available: false, reason: 'Docker/Podman compose deployments cannot be restarted with this version of homelab-tui' });
    expect(reading.deployments[0]?.actions?.logs).toEqual({ available: true });
    expect(reading.deployments[0]?.actions?.url).toEqual({ available: false, reason: 'a has no URL' });
  });

  it('a host reading gives every status one scope: a host-wide read is made once for all deployments, however slow; the providers the last listing found start theirs before the records are listed', async () => {
    const events: string[] = [];
    let reads = 0;
    const sharedRead = (ctx: ProviderContext) =>
      ctx.reading?.shared('all', async () => {
        reads++;
        events.push('read');
        // Slower than a batch of the host's concurrent reads: every batch still gets the same answer.
        await new Promise((resolve) => setTimeout(resolve, 30));
        return 'healthy' as const;
      });
    const provider: Provider & SharedReads = {
      ...fakeProvider({}).provider,
      startSharedReads: (ctx) => {
        events.push('start');
        void sharedRead(ctx);
      },
      status: async (ctx, record) => {
        events.push(`status ${record.name}`);
        return { deployment: record.name, health: (await sharedRead(ctx)) ?? 'unknown', services: [] };
      },
    };
    const host = new HostDouble();
    const { lifecycle } = setUp(['a', 'b', 'c', 'd', 'e'].map((n) => recordOf(n, { host: 'lab' })), provider, host);
    const first = await lifecycle.readHost('lab');
    expect(first.deployments.map((d) => d.status.health)).toEqual(['healthy', 'healthy', 'healthy', 'healthy', 'healthy']);
    // No cache yet: nothing is started early; the first status reads, the other four share it.
    expect(reads).toBe(1);
    expect(events.slice(0, 2)).toEqual(['status a', 'read']);
    events.length = 0;
    const second = await lifecycle.readHost('lab');
    expect(second.deployments.every((d) => d.status.health === 'healthy')).toBe(true);
    // The cache of the first listing names the provider: its read starts before any status, once for the reading.
    expect(reads).toBe(2);
    expect(events.slice(0, 2)).toEqual(['start', 'read']);
    expect(events.filter((e) => e === 'read')).toHaveLength(1);
  });

  it('one deployment that cannot be read is unknown with the reason; a provider this build lacks is named; the others still show', async () => {
    const fake = fakeProvider({ a: new CommandError(['docker', 'ps'], 1, 'lab', 'Cannot connect to the Docker daemon') });
    const { lifecycle } = setUp([recordOf('a', { host: 'lab' }), recordOf('b', { host: 'lab' })], fake.provider);
    const reading = await lifecycle.readHost('lab');
    expect(reading.deployments[0]?.status).toMatchObject({ health: 'unknown', reason: expect.stringContaining('Cannot connect to the Docker daemon') });
    expect(reading.deployments[1]?.status.health).toBe('healthy');
    const missing = await setUp([recordOf('a', { host: 'lab' })], 'missing').lifecycle.readHost('lab');
    expect(missing.deployments[0]?.status).toMatchObject({ health: 'unknown', reason: expect.stringContaining('not available in this version') });
    expect(missing.deployments[0]?.actions?.restart).toEqual({ available: false, reason: expect.stringContaining('not available in this version') });
  });

  it('a record whose refs break its provider\'s schema is unknown with the deployment and the field named (no value echoed); the others still show; acting on it is a UserError', async () => {
    const fake = fakeProvider({});
    const bad = recordOf('bad', { host: 'lab', refs: { project: 'bad', dir: '/opt/homelab-tui/bad', file: 'compose.yaml', services: 'app', flavour: 'docker-compose-9000' } });
    const { lifecycle } = setUp([bad, recordOf('good', { host: 'lab' })], fake.provider);
    const reading = await lifecycle.readHost('lab');
    expect(reading.deployments[0]?.status).toMatchObject({ health: 'unknown', reason: expect.stringMatching(/^the record of "bad" has a bad refs\.flavour: /), hint: expect.stringContaining('/var/lib/homelab-tui/deployments/bad.json on lab') });
    expect(reading.deployments[0]?.status.reason).not.toContain('docker-compose-9000');
    expect(reading.deployments[0]?.actions?.restart).toMatchObject({ available: false });
    expect(reading.deployments[1]?.status.health).toBe('healthy');
    const opened = await lifecycle.find('bad', { host: 'lab' });
    await expect(lifecycle.prepare('restart', opened)).rejects.toThrow(UserError);
    // An install in progress has not written its refs yet: its record is not judged by them.
    const operation = { id: 'install-x', kind: 'install', startedAt: '2026-12-05T09:00:00Z', by: { user: 'ann', machine: 'laptop', pid: 1, tool: '1' }, steps: [{ id: 'a', title: 'Create', state: 'pending' as const }] };
    const installing = await setUp([recordOf('new', { host: 'lab', refs: {}, operation })], fake.provider).lifecycle.readHost('lab');
    expect(installing.deployments[0]?.status.health).toBe('interrupted');
  });

  it('a record holding a journal and no live lock is interrupted, with what was done and the commands that finish it; restart is refused', async () => {
    const fake = fakeProvider({});
    const operation = { id: 'install-x', kind: 'install', startedAt: '2026-12-05T09:00:00Z', by: { user: 'ann', machine: 'laptop', pid: 1, tool: '1' }, steps: [{ id: 'a', title: 'Create', state: 'done' as const }, { id: 'b', title: 'Start', state: 'pending' as const }] };
    const { lifecycle } = setUp([recordOf('a', { host: 'lab', operation })], fake.provider);
    const [reading] = (await lifecycle.readHost('lab')).deployments;
    expect(reading?.status).toMatchObject({
      health: 'interrupted',
      reason: 'install install-x by ann@laptop was interrupted: 1/2 steps done, stopped at "Start"',
      hint: 'finish it: homelab-tui resume a --host lab, or take it back: homelab-tui undo a --host lab',
    });
    expect(reading?.actions?.restart).toMatchObject({ available: false, reason: expect.stringContaining('homelab-tui undo a') });
    expect(reading?.actions?.uninstall).toEqual({ available: true });
    const opened = await lifecycle.find('a');
    await expect(lifecycle.prepare('restart', opened)).rejects.toThrow('a on lab has an interrupted install');
  });

  it('the dashboard restarts through the same lifecycle: plan, lock, journal, and the outcome names the host', async () => {
    const fake = fakeProvider({});
    const { lifecycle, host } = setUp([recordOf('a', { host: 'lab' })], fake.provider);
    const fleet = lifecycleFleetSource(lifecycle, { dataPaths: () => [] });
    const [reading] = (await fleet.readHost('lab', new AbortController().signal)).deployments;
    const outcome = await fleet.act('restart', reading as never, { service: 'web', signal: new AbortController().signal });
    expect(outcome).toEqual({ ok: true, message: 'restarted web of a on lab; it is healthy' });
    expect(fake.planned).toEqual(['a/web']);
    // The refresh read the host's figures once (load, memory, the disk of /), beside the deployments.
    expect(host.commands.filter((c) => c.includes('homelab-tui-resources'))).toHaveLength(1);
    expect(host.commands.filter((c) => !c.startsWith('list') && !c.includes('homelab-tui-resources'))).toEqual([
      'lock /var/lib/homelab-tui/locks/a.lock',
      'mkdir -p /var/lib/homelab-tui/deployments',
      'write /var/lib/homelab-tui/deployments/a.json',
      'restart-it a',
      'write /var/lib/homelab-tui/deployments/a.json',
      'write /var/lib/homelab-tui/deployments/a.json',
      // Its history entry on the host, while the lock is still held.
      expect.stringMatching(/ sh \/var\/lib\/homelab-tui\/history\/a\/\d{8}T\d{6}Z-restart-a\.json 200$/),
      'unlock /var/lib/homelab-tui/locks/a.lock',
    ]);
    expect(host.files.get(recordPath('a'))).not.toContain('"operation"');
  });

  it('a certificate that cannot be read is said beside its URL, whatever the error: the host reading goes on', async () => {
    const fake = fakeProvider({});
    const asked: string[] = [];
    const certificate = async (url: string, fallback?: string) => {
      asked.push(`${url} ${fallback}`);
      if (url.includes('gone')) throw Object.assign(new Error('getaddrinfo ENOTFOUND gone.lab.test'), { code: 'ENOTFOUND' });
      return { url, validTo: '2027-03-01T00:00:00.000Z', daysLeft: 84 };
    };
    const { lifecycle } = setUp([recordOf('a', { host: 'lab', urls: ['https://gone.lab.test/', 'https://a.lab.test/', 'http://10.0.0.2:80/'] })], fake.provider, new HostDouble(), { certificate });
    const reading = await lifecycle.readHost('lab');
    expect(reading.deployments[0]?.status.health).toBe('healthy');
    expect(reading.deployments[0]?.status.certificates).toEqual([
      { url: 'https://gone.lab.test/', error: 'getaddrinfo ENOTFOUND gone.lab.test' },
      { url: 'https://a.lab.test/', validTo: '2027-03-01T00:00:00.000Z', daysLeft: 84 },
    ]);
    // Each is read with the proxy's host (here the app's own) to fall back on.
    expect(asked).toEqual(['https://gone.lab.test/ 10.0.0.2', 'https://a.lab.test/ 10.0.0.2']);
  });

  it('a change from the dashboard plans on the record the host holds now, not on a reading taken mid-operation', async () => {
    const fake = fakeProvider({});
    const operation = { id: 'backup-x', kind: 'backup', startedAt: '2026-12-05T09:00:00Z', by: { user: 'ann', machine: 'laptop', pid: 1, tool: '1' }, steps: [{ id: 'b', title: 'Back up', state: 'done' as const }] };
    const { lifecycle, host } = setUp([recordOf('a', { host: 'lab', operation })], fake.provider);
    const fleet = lifecycleFleetSource(lifecycle, { dataPaths: () => [] });
    const [stale] = (await fleet.readHost('lab', new AbortController().signal)).deployments;
    expect(stale?.record.operation?.kind).toBe('backup');
    // The backup ended after that reading: the host's record no longer holds its journal.
    host.files.set(recordPath('a'), JSON.stringify(recordOf('a', { host: 'lab' })));
    const outcome = await fleet.act('restart', stale as never, { service: 'web', signal: new AbortController().signal });
    expect(outcome).toMatchObject({ ok: true });
    expect(fake.planned).toEqual(['a/web']);
    // And a deployment gone since the reading is said so, not acted on.
    host.files.delete(recordPath('a'));
    await expect(fleet.act('restart', stale as never, { signal: new AbortController().signal })).rejects.toThrow('no deployment named "a" on lab');
  });

  it('reads details: the log tail from the provider and du of the data paths', async () => {
    const fake = fakeProvider({}, { logs: [{ source: 'web', line: 'ready' }] });
    const host = new HostDouble();
    const { lifecycle } = setUp([recordOf('a', { host: 'lab' })], fake.provider, host);
    const fleet = lifecycleFleetSource(lifecycle, { dataPaths: () => ['/srv/a/data'] });
    const [reading] = (await fleet.readHost('lab', new AbortController().signal)).deployments;
    const details = await fleet.readDetails(reading as never, new AbortController().signal);
    expect(details.logTail).toEqual([{ source: 'web', line: 'ready' }]);
    expect(host.commands).toContain('du -sk -- /srv/a/data');
  });
});

describe('disk use parsing', () => {
  it('keeps paths with tabs and spaces whole', () => {
    expect(parseDiskUse(['/a b'], '8\t/a b\n', '')).toEqual([{ path: '/a b', bytes: 8192 }]);
  });
});
