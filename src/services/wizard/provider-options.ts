import { PROVIDER_LABELS, PROVIDERS, type ProviderId } from '../../platform/recipe/provider-ids.js';
import { supportedProviders } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { HostOperation, Support } from '../../providers/provider.js';

/** A provider as the wizard offers it: usable, or shown greyed with the reason in words. */
export interface ProviderOption {
  id: ProviderId;
  label: string;
  /** What it will use on the host when it can be chosen (`docker-compose 1.29.2`). */
  detail?: string;
  disabledReason?: string;
}

/** What a provider can do on a host: the registry's `supports`, which asks the provider. */
export type ProviderSupports = (id: ProviderId, facts: HostFacts) => Record<HostOperation, Support>;

/**
 * What a host can run, from each provider's own detection, in the catalog's order
 * (`docker-compose 1.29.2`, `Proxmox VE 9.0.3`, `kubectl`): the host list's summary line.
 */
export function hostRuns(facts: HostFacts, detect: (id: ProviderId, facts: HostFacts) => Support): string[] {
  return PROVIDERS.flatMap((id) => {
    const found = detect(id, facts);
    return found.ok ? [found.detail] : [];
  });
}

/**
 * Every provider, in the catalog's order, each either usable for this app on this host or disabled
 * with why: the app has no recipe for it, or the provider says it cannot install there (this build
 * lacks it, or the host lacks its tools).
 */
export function providerOptions(recipe: Recipe, facts: HostFacts, supports: ProviderSupports): ProviderOption[] {
  const sections = supportedProviders(recipe);
  return PROVIDERS.map((id) => {
    const label = PROVIDER_LABELS[id];
    if (!sections.includes(id)) return { id, label, disabledReason: `${recipe.name} has no recipe for ${id}` };
    const install = supports(id, facts).install;
    return install.ok ? { id, label, detail: install.detail } : { id, label, disabledReason: install.reason };
  });
}
