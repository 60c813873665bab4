import type { Answers } from '../services/catalog/answer-value.js';
import { PROVIDER_LABELS, type ProviderId } from '../services/catalog/providers.js';
import { renderComposeInputs } from '../services/catalog/render/compose.js';
import { renderLxcInputs } from '../services/catalog/render/lxc.js';
import type { RenderedInputs } from '../services/catalog/render/types.js';
import type { Recipe } from '../services/catalog/recipe-schema.js';
import type { Settings } from '../services/config/settings.js';
import { UserError } from '../services/errors.js';
import { ComposeProvider } from './compose/compose-provider.js';
import { lxcProviderOptions, ProxmoxLxcProvider } from './proxmox-lxc/proxmox-lxc-provider.js';
import type { Provider } from './provider.js';

/** A provider with what the install pipeline needs around it: how to render a recipe for it. */
export interface ProviderEntry<I extends RenderedInputs = RenderedInputs> {
  provider: Provider<I>;
  /** Renders a recipe's section for this provider from complete answers (the catalog's renderer). */
  render(recipe: Recipe, answers: Answers): I;
  /** Answers that follow the deployment's name unless given (`--set` or an answers file), e.g. the compose project. */
  nameAnswers?(name: string): Record<string, string>;
}

/** The providers this build can use, by id; the pipeline, the CLI and the wizard find them here. */
export interface ProviderRegistry {
  readonly ids: readonly ProviderId[];
  /** The entry for a provider, or a UserError naming the ones there are. */
  entry(id: ProviderId): ProviderEntry;
}

/**
 * Each provider registers a factory here (settings in, entry out). A provider id without one is
 * known to the catalog but not implemented in this build.
 */
const FACTORIES: { [K in ProviderId]?: (settings: Settings) => ProviderEntry } = {
  compose: (settings) => ({
    provider: new ComposeProvider(settings.compose),
    render: renderComposeInputs,
    nameAnswers: (name) => ({ compose_project: name }),
  }),
  'proxmox-lxc': (settings) => ({
    provider: new ProxmoxLxcProvider(lxcProviderOptions(settings.proxmoxLxc)),
    render: renderLxcInputs,
    // The container's host name follows the deployment's name (a record name is an RFC 1123 label).
    nameAnswers: (name) => ({ lxc_hostname: name }),
  }),
};

export function createProviderRegistry(settings: Settings): ProviderRegistry {
  const entries = new Map<ProviderId, ProviderEntry>();
  const ids = (Object.keys(FACTORIES) as ProviderId[]).filter((id) => FACTORIES[id] !== undefined);
  return {
    ids,
    entry(id) {
      const cached = entries.get(id);
      if (cached) return cached;
      const factory = FACTORIES[id];
      if (!factory) throw new UserError(`the ${PROVIDER_LABELS[id]} provider (${id}) is not available in this version of homelab-tui`, `available: ${ids.join(', ')}`);
      const entry = factory(settings);
      entries.set(id, entry);
      return entry;
    },
  };
}
