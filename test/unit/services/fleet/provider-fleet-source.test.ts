import { describe, expect, it } from 'vitest';
import type { DeploymentStatus, LogLine, Provider, ProviderContext, Restartable } from '../../../../src/providers/provider.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { UserError, CommandError } from '../../../../src/platform/errors.js';
import { parseDiskUse } from '../../../../src/services/fleet/disk-use.js';
import { providerFleetSource, type ProviderFleetOptions } from '../../../../src/services/fleet/provider-fleet-source.js';
import type { Plan } from '../../../../src/platform/plan/plan.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { recordOf } from '../../../support/fleet-doubles.js';

/** A provider double: statuses by deployment name (an Error is thrown), logs from a list. */
function fakeProvider(statuses: Record<string, DeploymentStatus | Error>, options: { restartable?: boolean; logs?: LogLine[] } = {}): Provider & Partial<Restartable> & { planned: string[] } {
  const planned: string[] = [];
  const provider = {
    id: 'compose' as const,
    label: 'Docker/Podman compose',
    planned,
    preflight: async () => [],
    planInstall: async () => ({}) as Plan,
    planUninstall: async () => ({}) as Plan,
    status: async (_ctx: ProviderContext, record: DeploymentRecord) => {
      const status = statuses[record.name];
      if (status instanceof Error) throw status;
      return status ?? { deployment: record.name, health: 'healthy' as const, services: [] };
    },
    async *logs() {
      yield* options.logs ?? [];
    },
  };
  if (options.restartable === false) return provider;
  return {
    ...provider,
    planRestart: async (_ctx: ProviderContext, record: DeploymentRecord, service?: string) => {
      planned.push(`${record.name}/${service ?? '*'}`);
      return { kind: 'restart', deployment: record.name } as unknown as Plan;
    },
  };
}

function source(overrides: Partial<ProviderFleetOptions> & { runner?: FakeRunner } = {}) {
  const runner = overrides.runner ?? new FakeRunner('docker');
  const applied: Plan[] = [];
  const options: ProviderFleetOptions = {
    open: async (name) => ({ name, address: '10.0.0.2', runner }),
    provider: () => fakeProvider({}),
    records: async () => ({ records: [recordOf('a'), recordOf('b')], broken: [] }),
    applyRestart: async (_host, plan) => {
      applied.push(plan);
      return { ok: true, message: 'restarted' };
    },
    clock: new FakeClock(),
    ...overrides,
  };
  return { fleet: providerFleetSource(options), runner, applied };
}

describe('provider-backed fleet source', () => {
  it('reads every deployment of a host through its provider, and says which cannot be restarted', async () => {
    const provider = fakeProvider({ a: { deployment: 'a', health: 'unhealthy', services: [], reason: 'probe /health returned 500' } }, { restartable: false });
    const { fleet } = source({ provider: () => provider });
    const reading = await fleet.readHost('docker', new AbortController().signal);
    expect(reading.deployments.map((d) => [d.record.name, d.status.health])).toEqual([
      ['a', 'unhealthy'],
      ['b', 'healthy'],
    ]);
    expect(reading.deployments[0]?.cannotRestart).toBe('Docker/Podman compose deployments cannot be restarted by homelab-tui');
  });

  it('shows one deployment that cannot be read as unknown with the reason, and the others still', async () => {
    const provider = fakeProvider({ a: new CommandError(['docker', 'ps'], 1, 'docker', 'Cannot connect to the Docker daemon') });
    const { fleet } = source({ provider: () => provider });
    const reading = await fleet.readHost('docker', new AbortController().signal);
    expect(reading.deployments[0]?.status).toMatchObject({ health: 'unknown', reason: expect.stringContaining('Cannot connect to the Docker daemon') });
    expect(reading.deployments[1]?.status.health).toBe('healthy');
  });

  it('names a provider this build lacks instead of failing the host', async () => {
    const { fleet } = source({
      provider: () => {
        throw new UserError('the k3s provider (k3s) is not available in this version of homelab-tui', 'available: compose');
      },
    });
    const reading = await fleet.readHost('docker', new AbortController().signal);
    expect(reading.deployments[0]?.status).toMatchObject({ health: 'unknown', reason: expect.stringContaining('not available in this version'), hint: 'available: compose' });
  });

  it('lists a host that did not answer from the cache, every deployment unknown with why', async () => {
    const { fleet } = source({ records: async () => ({ records: [recordOf('a')], broken: [], error: { message: 'connect timed out', hint: 'is it up?' }, cachedAt: '2026-01-01T00:00:00Z' }) });
    const reading = await fleet.readHost('nas', new AbortController().signal);
    expect(reading).toMatchObject({ error: { message: 'connect timed out' }, cachedAt: '2026-01-01T00:00:00Z' });
    expect(reading.deployments[0]?.status).toMatchObject({ health: 'unknown', reason: 'nas did not answer: connect timed out', hint: 'is it up?' });
  });

  it('restarts through the provider\'s plan and the operation', async () => {
    const provider = fakeProvider({});
    const { fleet, applied } = source({ provider: () => provider });
    const [reading] = (await fleet.readHost('docker', new AbortController().signal)).deployments;
    const outcome = await fleet.restart(reading as never, { service: 'web', signal: new AbortController().signal });
    expect(outcome).toEqual({ ok: true, message: 'restarted' });
    expect(provider.planned).toEqual(['a/web']);
    expect(applied).toHaveLength(1);
  });

  it('reads details: the log tail from the provider and du of the data paths', async () => {
    const runner = new FakeRunner('docker').expect({ argv: ['du', '-sk', '--', '/srv/a/data', '/srv/a/gone'], result: { exitCode: 1, stdout: '1536\t/srv/a/data\n', stderr: "du: cannot access '/srv/a/gone': No such file or directory\n" } });
    const provider = fakeProvider({}, { logs: [{ source: 'web', line: 'ready' }] });
    const { fleet } = source({ runner, provider: () => provider, dataPaths: () => ['/srv/a/data', '/srv/a/gone'] });
    const [reading] = (await fleet.readHost('docker', new AbortController().signal)).deployments;
    const details = await fleet.readDetails(reading as never, new AbortController().signal);
    expect(details.logTail).toEqual([{ source: 'web', line: 'ready' }]);
    expect(details.disk).toEqual([
      { path: '/srv/a/data', bytes: 1536 * 1024 },
      { path: '/srv/a/gone', error: "cannot access '/srv/a/gone': No such file or directory" },
    ]);
    expect(runner.calls[0]?.elevated).toBe(true);
    runner.verify();
  });
});

describe('disk use parsing', () => {
  it('keeps paths with tabs and spaces whole', () => {
    expect(parseDiskUse(['/a b'], '8\t/a b\n', '')).toEqual([{ path: '/a b', bytes: 8192 }]);
  });
});
