import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../../src/platform/hosts/host-facts.js';
import type { ProviderId } from '../../../../src/platform/recipe/provider-ids.js';
import type { ProviderRegistry } from '../../../../src/providers/registry.js';
import { discoverUnmanaged, planAdoption } from '../../../../src/services/adopt/discover.js';
import type { HostHandle } from '../../../../src/services/lifecycle/host-access.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

// Facts are opaque here: the fake registry detects a provider by the marker the test puts in them.
const factsWith = (...ids: ProviderId[]) => ({ marks: ids }) as unknown as HostFacts;

function registry(asked: ProviderId[]): ProviderRegistry {
  const ids: ProviderId[] = ['compose', 'k3s'];
  return {
    ids,
    detect: (id: ProviderId, facts: HostFacts) => ({ ok: (facts as unknown as { marks: ProviderId[] }).marks.includes(id) }),
    entry: (id: ProviderId) => ({
      provider: {
        discover: async () => {
          asked.push(id);
          return [{ name: `${id}-thing`, provider: id, summary: id }];
        },
      },
    }),
  } as unknown as ProviderRegistry;
}

function handle(facts: () => Promise<HostFacts>, recentFacts?: () => Promise<HostFacts | undefined>): HostHandle {
  return { name: 'k3s', address: '10.0.0.9', runner: new FakeRunner('k3s'), facts, ...(recentFacts ? { recentFacts } : {}) };
}

describe('discovery of what runs with no record', () => {
  it('detects the platforms from facts an earlier run left, without probing the host again', async () => {
    const asked: ProviderId[] = [];
    let probes = 0;
    const probe = async () => {
      probes += 1;
      return factsWith('compose', 'k3s');
    };
    const found = await discoverUnmanaged(registry(asked), handle(probe, async () => factsWith('k3s')), [], new FakeClock(0));
    expect(found.map((w) => w.name)).toEqual(['k3s-thing']);
    expect(asked).toEqual(['k3s']);
    expect(probes).toBe(0);
  });

  it('probes when no recent facts are kept, and lists nothing when the probe fails', async () => {
    const asked: ProviderId[] = [];
    const found = await discoverUnmanaged(registry(asked), handle(async () => factsWith('compose', 'k3s'), async () => undefined), [], new FakeClock(0));
    expect(found.map((w) => w.name)).toEqual(['compose-thing', 'k3s-thing']);
    const failed = await discoverUnmanaged(registry(asked), handle(() => Promise.reject(new Error('lost')), async () => undefined), [], new FakeClock(0));
    expect(failed).toEqual([]);
  });
});

describe('adopting a name no provider lists', () => {
  it('asks the adopting provider whose platform the host runs (a Proxmox node is not asked about compose)', async () => {
    const asked: string[] = [];
    const ids: ProviderId[] = ['compose', 'proxmox-lxc'];
    const adopting: ProviderRegistry = {
      ids,
      detect: (id: ProviderId, facts: HostFacts) => ({ ok: (facts as unknown as { marks: ProviderId[] }).marks.includes(id) }),
      entry: (id: ProviderId) => ({
        provider: {
          discover: async () => [],
          planAdoption: async () => {
            asked.push(id);
            throw new Error(`${id} says no`);
          },
        },
      }),
    } as unknown as ProviderRegistry;
    const pve = handle(async () => factsWith('proxmox-lxc'));
    await expect(planAdoption(adopting, pve, [], { name: 'gone' }, [], new FakeClock(0))).rejects.toThrow('proxmox-lxc says no');
    expect(asked).toEqual(['proxmox-lxc']);
  });
});
