import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../../src/platform/hosts/host-facts.js';
import { thisHolder } from '../../../../src/platform/operation/holder.js';
import { recordPath } from '../../../../src/platform/deployments/record-store.js';
import type { Provider, ProviderContext } from '../../../../src/providers/provider.js';
import { providerDetector, type ProviderRegistry } from '../../../../src/providers/registry.js';
import { createLifecycle } from '../../../../src/services/lifecycle/lifecycle.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { recordOf } from '../../../support/fleet-doubles.js';
import { dockerFacts } from '../../../support/host-facts.js';
import { HostDouble } from '../install/host-double.js';

describe('the lifecycle hands the host facts service to providers', () => {
  it("a provider's context reads the host's kept facts; an explicit refresh goes to the host access", async () => {
    const host = new HostDouble();
    host.files.set(recordPath('a'), JSON.stringify(recordOf('a', { host: 'lab' })));
    const seen: Array<HostFacts | undefined> = [];
    const provider: Provider = {
      id: 'compose',
      label: 'test',
      planUninstall: async () => {
        throw new Error('not used');
      },
      status: async (ctx: ProviderContext, record) => {
        seen.push(await ctx.facts?.());
        return { deployment: record.name, health: 'healthy', services: [] };
      },
      logs: async function* () {},
    };
    const registry: ProviderRegistry = { ...providerDetector(['compose']), ids: ['compose'], entry: () => ({ provider, install: () => { throw new Error('not used'); } }) };
    const refreshed: string[] = [];
    const lifecycle = createLifecycle({
      hosts: { names: () => ['lab'], open: async (name) => ({ name, address: '10.0.0.2', runner: host, facts: async () => dockerFacts() }), close: async () => undefined, refreshFacts: async (name) => void refreshed.push(name) },
      registry,
      clock: new FakeClock(Date.parse('2026-12-05T10:00:00Z')),
      cacheDir: mkdtempSync(join(tmpdir(), 'hl-cache-')),
      operationsDir: mkdtempSync(join(tmpdir(), 'hl-ops-')),
      holder: thisHolder('test'),
      concurrency: 2,
    });
    await lifecycle.readHost('lab');
    expect(seen).toEqual([dockerFacts()]);
    await lifecycle.refreshFacts('lab');
    expect(refreshed).toEqual(['lab']);
  });
});
