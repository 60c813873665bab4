import type { PreflightItem, ProviderContext } from '../../providers/provider.js';
import type { ProviderEntry, ProviderRegistry } from '../../providers/registry.js';
import type { ExplicitAnswers } from '../answers/explicit-values.js';
import { requireComplete, resolveAnswers, type Resolution } from '../answers/resolve.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import { findRecipe, type Catalog } from '../catalog/catalog.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { supportedProviders } from '../../platform/recipe/questions.js';
import { nameDefaults } from '../../platform/recipe/name-defaults.js';
import type { RenderedInputs } from '../../providers/registry.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { Clock } from '../../platform/clock.js';
import { deploymentRecordSchema, type DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import { commonPreflight } from './common-preflight.js';
import { newRecord } from './deployment-record-base.js';
import type { HostAccess, HostHandle } from '../lifecycle/host-access.js';
import { proxyHostOf } from '../lifecycle/proxy-host.js';

/** What to install where: the app, the inventory host, the provider, the name, and where answers come from. */
export interface InstallRequest {
  app: string;
  host: string;
  provider: ProviderId;
  /** The deployment's name; defaults to the app id. */
  name?: string;
  answers: { sets?: readonly string[]; file?: ExplicitAnswers; saved?: ExplicitAnswers };
  /** Use data paths that already hold files (kept data of an earlier install, or someone's folder). */
  reuseData?: boolean;
}

/** What the pipeline needs from its caller (the CLI's composition root, or the wizard's store). */
export interface InstallDeps {
  catalog: Catalog;
  registry: ProviderRegistry;
  hosts: HostAccess;
  clock: Clock;
}

/** An install ready for review: everything decided, nothing changed on the host yet. */
export interface PreparedInstall {
  name: string;
  recipe: Recipe;
  entry: ProviderEntry;
  host: HostHandle;
  resolution: Resolution;
  answers: Answers;
  inputs: RenderedInputs;
  record: DeploymentRecord;
  preflight: PreflightItem[];
  plan: Plan;
  /** True when a preflight item failed: apply would be refused. */
  blocked: boolean;
  /** Data paths already holding files that the install would use: applying needs --reuse-data or a yes. */
  reused: readonly string[];
}

const NAME = deploymentRecordSchema.shape.name;

/**
 * Resolves the answers of an install (the name drives provider answers such as the compose project,
 * and the data paths whose default holds `{{ name }}`, unless they are given). Pure: the wizard and `install` without --yes use it to find what to ask.
 */
export function resolveInstallAnswers(recipe: Recipe, entry: ProviderEntry, provider: ProviderId, name: string, sources: InstallRequest['answers']): Resolution {
  const given = new Set([...(sources.sets ?? []).map((s) => s.slice(0, s.indexOf('='))), ...Object.keys(sources.file?.values ?? {})]);
  // Path defaults that follow the name yield to saved defaults too (the user chose those folders).
  const namedPaths = Object.entries(nameDefaults(recipe, provider, name)).filter(([id]) => sources.saved?.values[id] === undefined);
  const derived = { ...Object.fromEntries(namedPaths), ...(entry.nameAnswers?.(name) ?? {}) };
  const fromName = Object.entries(derived).filter(([id]) => !given.has(id)).map(([id, value]) => `${id}=${value}`);
  return resolveAnswers(recipe, provider, { ...sources, sets: [...fromName, ...(sources.sets ?? [])] }, { name });
}

/** The recipe, provider entry and checked name of a request, before any host is contacted. */
export function installTarget(request: InstallRequest, deps: Pick<InstallDeps, 'catalog' | 'registry'>): { recipe: Recipe; entry: ProviderEntry; name: string } {
  const recipe = findRecipe(deps.catalog, request.app);
  if (!supportedProviders(recipe).includes(request.provider)) {
    throw new UserError(`${recipe.name} has no recipe for ${request.provider}`, `it can be installed with: ${supportedProviders(recipe).join(', ')}`);
  }
  const entry = deps.registry.entry(request.provider);
  const name = request.name ?? recipe.id;
  if (!NAME.safeParse(name).success) throw new UserError(`"${name}" cannot name a deployment`, 'use lower-case letters, digits and inner hyphens, at most 63 characters');
  return { recipe, entry, name };
}

/**
 * From a request to a reviewed plan: recipe, complete answers (missing ones fail at once, listed),
 * rendered inputs, the host's runner, the plan (a compose file breaking its schema fails here,
 * before anything is uploaded) and preflight. Nothing on the host changes.
 */
export async function prepareInstall(request: InstallRequest, deps: InstallDeps): Promise<PreparedInstall> {
  const { recipe, entry, name } = installTarget(request, deps);
  const resolution = resolveInstallAnswers(recipe, entry, request.provider, name, request.answers);
  const answers = requireComplete(resolution);
  const install = entry.install(recipe, answers);
  const inputs = install.inputs;
  const host = await deps.hosts.open(request.host);
  const proxyHost = await proxyHostOf(deps.hosts, host);
  const ctx: ProviderContext = { runner: host.runner, hostName: host.name, hostAddress: host.address, clock: deps.clock, ...(host.facts ? { facts: host.facts } : {}), ...(proxyHost ? { proxyHost } : {}) };
  const record = newRecord({ name, recipe, provider: request.provider, host: host.name, questions: resolution.questions, answers, now: new Date(deps.clock.now()) });
  const plan = await install.planInstall(ctx, { name, record });
  const preflight = [
    ...(await commonPreflight(host, { name, recipe, provider: request.provider, answers, plan, ...(request.reuseData ? { reuseData: true } : {}) })),
    ...(await install.preflight(ctx)),
  ];
  return { name, recipe, entry, host, resolution, answers, inputs, record, preflight, plan, blocked: preflight.some((i) => i.status === 'fail'), reused: plan.data?.reused ?? [] };
}
