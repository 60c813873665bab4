import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../../src/platform/hosts/host-facts.js';
import type { ProviderId } from '../../../../src/platform/recipe/provider-ids.js';
import type { ProviderRegistry } from '../../../../src/providers/registry.js';
import { discoverUnmanaged, planAdoption } from '../../../../src/services/adopt/discover.js';
import type { HostHandle } from '../../../../src/services/lifecycle/host-access.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { deploymentRecordSchema } from '../../../../src/platform/deployments/deployment-record.js';
import type { Recipe } from '../../../../src/platform/recipe/recipe-schema.js';
import type { AdoptionProposal } from '../../../../src/providers/adoption.js';
import { loadCatalog } from '../../../../src/services/catalog/catalog.js';
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

  it('asks the provider whose names take that form (k3s: NAMESPACE/NAME) on a host that runs compose too', async () => {
    const asked: string[] = [];
    const ids: ProviderId[] = ['compose', 'k3s'];
    const adopting: ProviderRegistry = {
      ids,
      detect: () => ({ ok: true }),
      entry: (id: ProviderId) => ({
        provider: {
          discover: async () => [],
          ...(id === 'k3s' ? { namesOwnForm: (name: string) => name.includes('/') } : {}),
          planAdoption: async () => {
            asked.push(id);
            throw new Error(`${id} says no`);
          },
        },
      }),
    } as unknown as ProviderRegistry;
    const both = handle(async () => factsWith('compose', 'k3s'));
    await expect(planAdoption(adopting, both, [], { name: 'byhand/notes' }, [], new FakeClock(0))).rejects.toThrow('k3s says no');
    await expect(planAdoption(adopting, both, [], { name: 'notes' }, [], new FakeClock(0))).rejects.toThrow('compose says no');
    expect(asked).toEqual(['k3s', 'compose']);
  });
});

describe('answers an adoption cannot read', () => {
  const proposalFor = (recipe: Recipe): AdoptionProposal => ({
    workload: { name: 'vik', provider: 'proxmox-lxc', summary: 'LXC CT 191 (stopped)', hint: '' },
    record: deploymentRecordSchema.parse({ schema: 2, name: 'vik', app: recipe.id, version: '2.5.0', provider: 'proxmox-lxc', host: 'pve', createdAt: 'x', updatedAt: 'x', answers: { lxc_hostname: 'vik', lxc_ip: 'dhcp' }, secretKeys: [], refs: {}, urls: [] }),
    recipe: { id: recipe.id, name: recipe.name },
    services: {},
    evidence: { lxc_hostname: 'hostname in the CT config' },
    notes: [],
  });
  const adoptingOne = (recipe: Recipe): ProviderRegistry =>
    ({
      ids: ['proxmox-lxc'],
      detect: () => ({ ok: true }),
      entry: () => ({ provider: { discover: async () => [{ name: 'vik', provider: 'proxmox-lxc', summary: '', hint: '' }], planAdoption: async () => proposalFor(recipe) } }),
    }) as unknown as ProviderRegistry;
  const pve = () => handle(async () => factsWith('proxmox-lxc'));

  it('a required answer nothing tells is refused naming it; --set gives it, and active secrets are recorded as kept', async () => {
    const { recipes } = await loadCatalog();
    const vikunja = recipes.find((r) => r.id === 'vikunja');
    if (!vikunja) throw new Error('no vikunja recipe');
    const registry = adoptingOne(vikunja);
    await expect(planAdoption(registry, pve(), recipes, { name: 'vik' }, [], new FakeClock(0))).rejects.toThrow(/public_url/);
    const plan = await planAdoption(registry, pve(), recipes, { name: 'vik', sets: ['public_url=http://vik.lan/'] }, [], new FakeClock(0));
    expect(plan.record.answers).toMatchObject({ lxc_hostname: 'vik', public_url: 'http://vik.lan/' });
    expect(plan.evidence.public_url).toBe('given with --set');
    expect(plan.record.secretKeys).toEqual(['service_secret']);
    expect(plan.notes).toEqual(['secrets not read (they stay where the app keeps them): service_secret']);
    await expect(planAdoption(registry, pve(), recipes, { name: 'vik', sets: ['public_url=http://vik.lan/', 'service_secret=abc'] }, [], new FakeClock(0))).rejects.toThrow('--set service_secret: adopt does not take secrets');
  });
});
