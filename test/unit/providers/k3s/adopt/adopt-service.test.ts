import { describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../../../../../src/providers/registry.js';
import { settingsSchema } from '../../../../../src/platform/config/settings.js';
import { planAdoption } from '../../../../../src/services/adopt/discover.js';
import type { HostHandle } from '../../../../../src/services/lifecycle/host-access.js';
import { FakeRunner } from '../../../../support/fake-runner.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { dockerFacts } from '../../../../support/host-facts.js';
import { shippedCatalog } from '../../../../support/catalog.js';
import { NAMESPACE_LIST, UNMANAGED_LIST } from './k3s-fixtures.js';

const UNMANAGED = ['kubectl', 'get', 'deployments,statefulsets', '-A', '-l', 'app.kubernetes.io/managed-by!=homelab-tui', '-o', 'json'];
const NAMESPACE = ['kubectl', 'get', 'deployments,statefulsets,services,ingresses,persistentvolumeclaims', '-n', 'byhand', '-o', 'json'];

// A k3s server that runs Docker too: compose is asked for its projects, and says nothing here.
function handle(): HostHandle {
  const facts = dockerFacts();
  const runner = new FakeRunner('k3s').expect({ argv: UNMANAGED, result: { stdout: JSON.stringify(UNMANAGED_LIST) }, repeat: true }, { argv: NAMESPACE, result: { stdout: JSON.stringify(NAMESPACE_LIST) }, repeat: true }, { argv: ['docker'], prefix: true, repeat: true, result: { stdout: '' } });
  return { name: 'k3s', address: '10.0.0.9', runner, facts: async () => ({ ...facts, tools: { ...facts.tools, k3s: { path: '/usr/local/bin/k3s', version: 'v1.31.4+k3s1', server: true } } }) } as HostHandle;
}

describe('adopt on a k3s host, through the service the CLI calls', () => {
  it('proposes the k3s record with the answers --set gives, and the Secret-backed answers kept as secrets', async () => {
    const registry = createProviderRegistry(settingsSchema.parse({}));
    const { recipes } = await shippedCatalog();
    const plan = await planAdoption(registry, handle(), recipes, { name: 'byhand/notes', sets: [] }, [], new FakeClock(0));
    expect(plan.record).toMatchObject({ provider: 'k3s', app: 'labapp', answers: { k3s_namespace: 'byhand', k3s_storage_class: 'local-path', k3s_ingress_host: 'notes.lab' } });
    expect(plan.workload.hint).toBe('adopt it: homelab-tui adopt byhand/notes --host k3s');
  });

  it('says a workload already adopted is managed (the k3s provider answers a NAMESPACE/NAME, not compose)', async () => {
    const registry = createProviderRegistry(settingsSchema.parse({}));
    const { recipes } = await shippedCatalog();
    const first = await planAdoption(registry, handle(), recipes, { name: 'byhand/notes' }, [], new FakeClock(0));
    await expect(planAdoption(registry, handle(), recipes, { name: 'byhand/notes' }, [first.record], new FakeClock(0))).rejects.toThrow('byhand/notes on k3s is already managed: it is deployment notes');
  });
});
