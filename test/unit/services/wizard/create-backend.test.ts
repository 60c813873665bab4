import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWizardBackend, nextDefaults, type WizardBackendDeps } from '../../../../src/services/wizard/create-backend.js';
import { loadInventory } from '../../../../src/platform/config/inventory.js';
import { shippedCatalog, shippedRecipe } from '../../../support/catalog.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { dockerFacts } from '../../../support/host-facts.js';
import { providerDetector } from '../../../../src/providers/registry.js';

async function deps(change: Partial<WizardBackendDeps> = {}): Promise<WizardBackendDeps> {
  const dir = await mkdtemp(join(tmpdir(), 'hl-wizard-'));
  return {
    catalog: await shippedCatalog(),
    includeTestApps: false,
    inventory: { hosts: [] },
    hostsFile: join(dir, 'hosts.yaml'),
    answersDir: join(dir, 'answers'),
    cacheDir: join(dir, 'cache'),
    runnerFor: (host) => new FakeRunner(host.name),
    addressOf: (host) => (host.kind === 'ssh' ? host.address : '127.0.0.1'),
    accepted: new Set(),
    probeTimeoutMs: 5000,
    clock: new FakeClock(),
    resolve: async () => [],
    providers: providerDetector(['compose']),
    nameAnswers: (provider, name): Record<string, string> => (provider === 'compose' ? { compose_project: name } : {}),
    prepare: async () => {
      throw new Error('not in this test');
    },
    ...change,
  };
}

describe('createWizardBackend', () => {
  it('offers the listed apps (test apps only when asked) and the inventory with local first', async () => {
    const backend = createWizardBackend(await deps());
    expect(backend.apps().map((a) => a.id)).not.toContain('labapp');
    expect(createWizardBackend(await deps({ includeTestApps: true })).apps().map((a) => a.id)).toContain('labapp');
    expect(backend.hosts()).toEqual([{ name: 'local', kind: 'local', address: '' }]);
  });

  it('adds a host to the inventory file and offers it at once; a bad one is refused with the reason', async () => {
    const d = await deps();
    const backend = createWizardBackend(d);
    expect(await backend.addHost({ name: 'nas', address: 'nas.lan', user: 'admin' })).toEqual({ name: 'nas', kind: 'ssh', address: 'nas.lan' });
    expect(backend.hosts().map((h) => h.name)).toEqual(['local', 'nas']);
    expect((await loadInventory(d.hostsFile)).hosts).toEqual([{ name: 'nas', address: 'nas.lan', user: 'admin', tags: [] }]);
    await expect(backend.addHost({ name: 'nas', address: 'x' })).rejects.toThrow('a host named "nas" already exists');
    await expect(backend.addHost({ name: 'bad name', address: 'x' })).rejects.toThrow(/invalid host name/);
  });

  it('pre-fills saved defaults and writes new ones: non-default values only, numbers as numbers', async () => {
    const d = await deps({ includeTestApps: true });
    const backend = createWizardBackend(d);
    const change = { values: { port: '9100' }, active: ['version', 'port', 'data_dir', 'compose_project'] };
    expect(await backend.defaultsDiff('labapp', change)).toEqual([{ id: 'port', kind: 'added', after: '9100' }]);
    const path = await backend.saveDefaults('labapp', change);
    expect(await readFile(path, 'utf8')).toMatch(/^port: 9100$/m);
    const form = await backend.form('labapp', 'compose');
    expect(form.evaluate({ edited: {}, showAdvanced: false }).fields.find((f) => f.id === 'port')?.text).toBe('9100');
  });

  it('offers providers from the host facts and the build’s providers', async () => {
    const backend = createWizardBackend(await deps({ includeTestApps: true }));
    expect(backend.providers('labapp', dockerFacts()).map((p) => [p.id, p.disabledReason ?? 'ok'])).toEqual([
      ['compose', 'ok'],
      ['proxmox-lxc', 'not available in this version of homelab-tui'],
      ['k3s', 'not available in this version of homelab-tui'],
    ]);
  });
});

describe('nextDefaults', () => {
  it('drops a saved value the install set back to the default, and keeps other providers’ answers and secrets', async () => {
    const recipe = await shippedRecipe('labapp');
    const saved = { port: 9000, lxc_memory: '256M' };
    expect(nextDefaults(recipe, saved, { values: { data_dir: '/srv/x' }, active: ['version', 'port', 'data_dir', 'compose_project'] })).toEqual({ data_dir: '/srv/x', lxc_memory: '256M' });
  });
});
