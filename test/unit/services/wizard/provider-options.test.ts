import { describe, expect, it } from 'vitest';
import { providerOptions } from '../../../../src/services/wizard/provider-options.js';
import { providerDetector } from '../../../../src/providers/registry.js';
import type { ProviderId } from '../../../../src/platform/recipe/provider-ids.js';

const only = (ids: ProviderId[]) => providerDetector(ids).supports;
import { shippedRecipe } from '../../../support/catalog.js';
import { bareFacts, dockerFacts, pveFacts } from '../../../support/host-facts.js';

describe('providerOptions', () => {
  it('offers what the host runs and says why not for the rest', async () => {
    const recipe = await shippedRecipe('labapp');
    expect(providerOptions(recipe, dockerFacts(), only(['compose', 'proxmox-lxc']))).toEqual([
      { id: 'compose', label: 'Docker/Podman compose', detail: 'docker-compose 1.29.2' },
      { id: 'proxmox-lxc', label: 'Proxmox LXC container', disabledReason: 'not a Proxmox VE node: no pct or pvesh on this host' },
      { id: 'k3s', label: 'Kubernetes', disabledReason: 'not available in this version of homelab-tui' },
    ]);
    expect(providerOptions(recipe, pveFacts(), only(['compose', 'proxmox-lxc']))[1]).toEqual({ id: 'proxmox-lxc', label: 'Proxmox LXC container', detail: 'Proxmox VE 9.0.3' });
  });

  it('names the missing piece: no compose tool, a silent docker daemon, no root for pct', async () => {
    const recipe = await shippedRecipe('labapp');
    expect(providerOptions(recipe, bareFacts(), only(['compose']))[0]?.disabledReason).toBe('no docker compose, docker-compose, podman compose or podman-compose on this host');
    const silent = dockerFacts();
    delete silent.tools.docker?.serverVersion;
    expect(providerOptions(recipe, silent, only(['compose']))[0]?.disabledReason).toMatch(/daemon did not answer/);
    const plain = { ...pveFacts(), user: { name: 'ann', uid: 1000, isRoot: false, passwordlessSudo: false } };
    expect(providerOptions(recipe, plain, only(['proxmox-lxc']))[1]?.disabledReason).toBe('pct needs root: log in as root, or give ann passwordless sudo');
  });

  it('uses podman-compose on a host whose docker-compose has no Docker daemon behind it', async () => {
    const recipe = await shippedRecipe('labapp');
    const facts = dockerFacts();
    delete facts.tools.docker?.serverVersion;
    facts.compose.push({ flavour: 'podman-compose', engine: 'podman', version: '1.0.3', argv: ['podman-compose'] });
    expect(providerOptions(recipe, facts, only(['compose']))[0]).toEqual({ id: 'compose', label: 'Docker/Podman compose', detail: 'podman-compose 1.0.3' });
  });

  it('says when the app has no recipe for a provider', async () => {
    const recipe = { ...(await shippedRecipe('labapp')), k3s: undefined };
    expect(providerOptions(recipe, dockerFacts(), only(['compose', 'k3s']))[2]?.disabledReason).toBe('Lab app has no recipe for k3s');
  });
});
