import type { Settings } from '../platform/config/settings.js';
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { Plan } from '../platform/plan/plan.js';
import type { Answers } from '../platform/recipe/answer-value.js';
import type { ProviderId } from '../platform/recipe/provider-ids.js';
import type { Recipe } from '../platform/recipe/recipe-schema.js';
import type { RenderedCommon } from '../platform/recipe/render/rendered.js';
import type { HostDetection, Installer, PreflightItem, Provider, ProviderContext } from './provider.js';
import type { RefsSchema } from './refs.js';
import type { BoundReconfigure } from './reconfigure.js';

/** Any provider's rendered inputs, as the install pipeline carries them (only the provider reads the rest). */
export type RenderedInputs = RenderedCommon & { provider: ProviderId };

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
  /** Renders the answers before and after a change and plans it (providers that can reconfigure in place). */
  reconfigure?: BoundReconfigure;
}

/**
 * Everything the registry needs of one provider, exported by `src/providers/<id>/module.ts`: what it
 * can do on a host (from the host facts alone), the schema of its refs in deployment records, and the
 * factory of its entry. A provider without `create` is detected and shown, but not usable in this build.
 */
export interface ProviderModule {
  readonly id: ProviderId;
  readonly detection: HostDetection;
  /** The provider-specific part of its deployment records (`record.refs`). */
  readonly refs?: RefsSchema;
  create?(settings: Settings): ProviderEntry;
}

/** Binds a typed installer to its renderer: the input type stays inside (this is why no cast is needed). */
export function bindInstaller<I extends RenderedInputs>(installer: Installer<I>, render: (recipe: Recipe, answers: Answers) => I): ProviderEntry['install'] {
  return (recipe, answers) => {
    const inputs = render(recipe, answers);
    return {
      inputs,
      preflight: (ctx) => installer.preflight(ctx, inputs),
      planInstall: (ctx, request) => installer.planInstall(ctx, { ...request, inputs }),
    };
  };
}
