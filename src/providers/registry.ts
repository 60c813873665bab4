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
import type { Installer, PreflightItem, Provider, ProviderContext } from './provider.js';
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { Plan } from '../platform/plan/plan.js';

export type { ProviderId };

/** Any provider's rendered inputs. */
export type RenderedInputs = ComposeInputs | LxcInputs | K3sInputs;

/** An install of one recipe on this provider, with its rendered inputs bound in (so no caller needs the input type). */
export interface BoundInstall {
  inputs: RenderedInputs;
  preflight(ctx: ProviderContext): Promise<PreflightItem[]>;
  planInstall(ctx: ProviderContext, request: { name: string; record: DeploymentRecord }): Promise<Plan>;
}

/** A provider with what the install pipeline needs around it: how to render a recipe for it and install it. */
export interface ProviderEntry {
  provider: Provider;
  /** Renders a recipe's section for this provider from complete answers and binds the installer to it. */
  install(recipe: Recipe, answers: Answers): BoundInstall;
  /** Answers that follow the deployment's name unless given (`--set` or an answers file), e.g. the compose project. */
  nameAnswers?(name: string): Record<string, string>;
}

/** The providers this build can use, by id; the pipeline, the CLI and the wizard find them here. */
export interface ProviderRegistry {
  readonly ids: readonly ProviderId[];
  /** The entry for a provider, or a UserError naming the ones there are. */
  entry(id: ProviderId): ProviderEntry;
}

/** Binds a typed installer to its renderer: the input type stays inside (this is why no cast is needed). */
function bindInstaller<I extends RenderedInputs>(installer: Installer<I>, render: (recipe: Recipe, answers: Answers) => I): ProviderEntry['install'] {
  return (recipe, answers) => {
    const inputs = render(recipe, answers);
    return {
      inputs,
      preflight: (ctx) => installer.preflight(ctx, inputs),
      planInstall: (ctx, request) => installer.planInstall(ctx, { ...request, inputs }),
    };
  };
}

/**
 * Each provider registers a factory here (settings in, entry out): adding a provider is its folder and
 * one line below. A provider id without one is known to the catalog but not implemented in this build.
 */
const FACTORIES: { [K in ProviderId]?: (settings: Settings) => ProviderEntry } = {
  compose: (settings) => composeEntry(settings),
  'proxmox-lxc': (settings) => proxmoxLxcEntry(settings),
};

/** The compose provider's entry. */
function composeEntry(settings: Settings): ProviderEntry {
  const provider = new ComposeProvider(settings.compose);
  return { provider, install: bindInstaller(provider, renderComposeInputs), nameAnswers: (name) => ({ compose_project: name }) };
}

/** The Proxmox LXC provider's entry; the container's host name follows the deployment's name (an RFC 1123 label). */
function proxmoxLxcEntry(settings: Settings): ProviderEntry {
  const provider = new ProxmoxLxcProvider(lxcProviderOptions(settings.proxmoxLxc));
  return { provider, install: bindInstaller(provider, renderLxcInputs), nameAnswers: (name) => ({ lxc_hostname: name }) };
}

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
