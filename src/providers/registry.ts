import type { Answers } from '../platform/recipe/answer-value.js';
import { PROVIDER_LABELS, type ProviderId } from '../platform/recipe/provider-ids.js';
import { renderComposeInputs } from './compose/render.js';
import { renderLxcInputs } from './proxmox-lxc/render.js';
import type { Recipe } from '../platform/recipe/recipe-schema.js';
import type { Settings } from '../platform/config/settings.js';
import { UserError } from '../platform/errors.js';
import type { ComposeInputs } from './compose/inputs.js';
import type { K3sInputs } from './k3s/inputs.js';
import type { LxcInputs } from './proxmox-lxc/inputs.js';
import { ComposeProvider } from './compose/compose-provider.js';
import { lxcProviderOptions, ProxmoxLxcProvider } from './proxmox-lxc/proxmox-lxc-provider.js';
import type { Provider } from './provider.js';

export type { ProviderId };

/** Any provider's rendered inputs. */
export type RenderedInputs = ComposeInputs | LxcInputs | K3sInputs;

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
