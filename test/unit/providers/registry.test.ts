import { describe, expect, it } from 'vitest';
import { hasSnapshots, isRestartable } from '../../../src/providers/provider.js';
import { lxcProviderOptions } from '../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { requireComplete, resolveAnswers } from '../../../src/services/answers/resolve.js';
import { createProviderRegistry, detectProvider, IMPLEMENTED, providerSupports } from '../../../src/providers/registry.js';
import { PROVIDERS } from '../../../src/platform/recipe/provider-ids.js';
import { bareFacts, dockerFacts, pveFacts } from '../../support/host-facts.js';
import { settingsSchema } from '../../../src/platform/config/settings.js';
import { shippedRecipe } from '../../support/catalog.js';

describe('provider registry', () => {
  const registry = createProviderRegistry(settingsSchema.parse({}));

  it('has the compose provider, restartable, rendering compose inputs, its project following the name', async () => {
    const entry = registry.entry('compose');
    expect(registry.ids).toContain('compose');
    expect(entry.provider.id).toBe('compose');
    expect(isRestartable(entry.provider)).toBe(true);
    expect(entry.nameAnswers?.('lab2')).toEqual({ compose_project: 'lab2' });
    expect(entry.install(await shippedRecipe('labapp'), { version: '1', port: 8080, data_dir: '/srv/x', compose_project: 'p' }).inputs).toMatchObject({ provider: 'compose', project: 'p' });
  });

  it('has the proxmox-lxc provider, restartable with snapshots, rendering LXC inputs, its host name following the name', async () => {
    const entry = registry.entry('proxmox-lxc');
    expect(registry.ids).toEqual(['compose', 'proxmox-lxc', 'k3s']);
    expect(entry.provider.id).toBe('proxmox-lxc');
    expect(isRestartable(entry.provider)).toBe(true);
    expect(hasSnapshots(entry.provider)).toBe(true);
    expect(entry.nameAnswers?.('lab2')).toEqual({ lxc_hostname: 'lab2' });
    const recipe = await shippedRecipe('labapp');
    const answers = requireComplete(resolveAnswers(recipe, 'proxmox-lxc', { sets: ['lxc_hostname=lab2'] }));
    expect(entry.install(recipe, answers).inputs).toMatchObject({ provider: 'proxmox-lxc', hostname: 'lab2' });
  });

  it('takes the LXC provider options from settings.yaml', () => {
    const settings = settingsSchema.parse({ proxmoxLxc: { template: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', sshPublicKeys: ['ssh-ed25519 AAAAC3Nza me@laptop'], healthTimeoutSeconds: 60 } });
    expect(lxcProviderOptions(settings.proxmoxLxc)).toEqual({
      template: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      sshPublicKeys: 'ssh-ed25519 AAAAC3Nza me@laptop\n',
      swapMiB: 512,
      healthTimeoutMs: 60_000,
      keepSnapshots: 3,
      // Given with kind none too: its Caddy settings serve a proxy host that hosts.yaml names.
      proxy: { kind: 'none', caddy: { dir: '/var/lib/homelab-tui/proxy/caddy', tls: 'acme' } },
    });
    expect(() => settingsSchema.parse({ proxmoxLxc: { sshPublicKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----'] } })).toThrow(/an OpenSSH public key line/);
  });

  it('has the k3s provider, restartable, its namespace following the name', () => {
    const entry = registry.entry('k3s');
    expect(entry.provider.id).toBe('k3s');
    expect(isRestartable(entry.provider)).toBe(true);
    expect(entry.nameAnswers?.('books')).toEqual({ k3s_namespace: 'books' });
  });
});

describe('provider detection, asked of each provider', () => {
  it('every provider id has a module that detects it, and only providers with a factory are usable', () => {
    for (const id of PROVIDERS) expect(detectProvider(id, bareFacts())).toMatchObject({ ok: false });
    expect(IMPLEMENTED).toEqual(['compose', 'proxmox-lxc', 'k3s']);
  });

  it('k3s: found on a k3s server node; an agent or a bare kubectl says where to go; a build without it says so', () => {
    const server = bareFacts({ tools: { k3s: { path: '/usr/local/bin/k3s', version: 'v1.31.4+k3s1', server: true }, kubectl: { path: '/usr/local/bin/kubectl' } } });
    expect(detectProvider('k3s', server)).toEqual({ ok: true, detail: 'k3s v1.31.4+k3s1 server' });
    expect(providerSupports('k3s', server).install).toEqual({ ok: true, detail: 'k3s v1.31.4+k3s1 server' });
    expect(providerSupports('k3s', server, ['compose']).install).toEqual({ ok: false, reason: 'not available in this version of homelab-tui' });
    const agent = bareFacts({ tools: { k3s: { path: '/usr/local/bin/k3s', version: 'v1.31.4+k3s1', server: false } } });
    expect(detectProvider('k3s', agent)).toEqual({ ok: false, reason: 'k3s v1.31.4+k3s1 agent: install through the cluster\'s server node' });
    expect(detectProvider('k3s', bareFacts({ tools: { kubectl: { path: '/usr/bin/kubectl' } } }))).toMatchObject({ ok: false, reason: expect.stringContaining('no k3s') });
  });

  it('compose and proxmox-lxc each say what they will use or why not', () => {
    expect(providerSupports('compose', dockerFacts()).install).toEqual({ ok: true, detail: 'docker-compose 1.29.2' });
    expect(providerSupports('proxmox-lxc', dockerFacts()).install).toEqual({ ok: false, reason: 'not a Proxmox VE node: no pct or pvesh on this host' });
    expect(providerSupports('proxmox-lxc', pveFacts()).install).toEqual({ ok: true, detail: 'Proxmox VE 9.0.3' });
  });
});
