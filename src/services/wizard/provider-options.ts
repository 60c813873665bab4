import { PROVIDER_LABELS, PROVIDERS, type ProviderId } from '../../platform/recipe/provider-ids.js';
import { supportedProviders } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { usableComposeTools } from './compose-tools.js';

/** A provider as the wizard offers it: usable, or shown greyed with the reason in words. */
export interface ProviderOption {
  id: ProviderId;
  label: string;
  /** What it will use on the host when it can be chosen (`docker-compose 1.29.2`). */
  detail?: string;
  disabledReason?: string;
}

/**
 * Every provider, in the catalog's order, each either usable for this app on this host or disabled
 * with why: the app has no recipe for it, this build lacks it, or the host lacks its tools.
 */
export function providerOptions(recipe: Recipe, facts: HostFacts, implemented: readonly ProviderId[]): ProviderOption[] {
  const supported = supportedProviders(recipe);
  return PROVIDERS.map((id) => {
    const label = PROVIDER_LABELS[id];
    if (!supported.includes(id)) return { id, label, disabledReason: `${recipe.name} has no recipe for ${id}` };
    if (!implemented.includes(id)) return { id, label, disabledReason: `not available in this version of homelab-tui` };
    const host = hostSupport(id, facts);
    return host.ok ? { id, label, detail: host.detail } : { id, label, disabledReason: host.reason };
  });
}

function hostSupport(id: ProviderId, facts: HostFacts): { ok: true; detail: string } | { ok: false; reason: string } {
  switch (id) {
    case 'compose': {
      const [tool] = usableComposeTools(facts);
      if (tool) return { ok: true, detail: `${tool.flavour} ${tool.version}` };
      if (facts.compose.length > 0) return { ok: false, reason: 'docker is installed but its daemon did not answer (is dockerd running, and may this login use it?)' };
      return { ok: false, reason: 'no docker compose, docker-compose, podman compose or podman-compose on this host' };
    }
    case 'proxmox-lxc': {
      if (!facts.tools.pct || !facts.tools.pvesh) return { ok: false, reason: 'not a Proxmox VE node: no pct or pvesh on this host' };
      if (!facts.user.isRoot && facts.user.passwordlessSudo !== true) return { ok: false, reason: `pct needs root: log in as root, or give ${facts.user.name} passwordless sudo` };
      return { ok: true, detail: `Proxmox VE ${facts.proxmoxVersion ?? ''}`.trim() };
    }
    case 'k3s': {
      if (facts.tools.k3s?.server) return { ok: true, detail: `k3s ${facts.tools.k3s.version ?? ''}`.trim() };
      if (facts.tools.kubectl) return { ok: true, detail: 'kubectl' };
      return { ok: false, reason: 'no k3s server or kubectl on this host' };
    }
  }
}
