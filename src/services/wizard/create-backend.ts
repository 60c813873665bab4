import type { ExplicitValue } from '../answers/explicit-values.js';
import { diffSaved, loadSavedAnswers, writeSavedAnswers } from '../answers/saved-answers.js';
import { findRecipe, listedRecipes, type Catalog } from '../catalog/catalog.js';
import { checkAnswerText } from '../../platform/recipe/question-values.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { Clock } from '../../platform/clock.js';
import { checkHosts } from '../hosts/check-hosts.js';
import { createHostFactsService, type HostFactsService } from '../hosts/host-facts-service.js';
import { addHost, allHosts, findHost, saveInventory, type Inventory, type KnownHost } from '../../platform/config/inventory.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { existingDatabase, testDatabase } from './database-check.js';
import { checkNameResolvesTo, type Resolve } from './domain-check.js';
import { evaluateForm } from './form-model.js';
import type { ProviderDetector } from '../../providers/registry.js';
import { hostRuns, providerOptions } from './provider-options.js';
import type { DefaultsChange, HostChoice, PreparedWizardInstall, WizardBackend, WizardRequest } from './wizard-backend.js';

/** Everything the wizard's services are made of; the CLI's composition root provides them. */
export interface WizardBackendDeps {
  catalog: Catalog;
  /** Offer test recipes (the lab app): HOMELAB_TUI_TEST_APPS=1. */
  includeTestApps: boolean;
  inventory: Inventory;
  hostsFile: string;
  answersDir: string;
  cacheDir: string;
  /** The SSH pool's runners (LocalRunner for `local`). */
  runnerFor(host: KnownHost): CommandRunner;
  /** The address this machine connects to (an ssh config alias resolved to its HostName). */
  addressOf(host: KnownHost): string;
  /** Hosts whose new key was accepted in this session (recordingInteraction). */
  accepted: ReadonlySet<string>;
  probeTimeoutMs: number;
  clock: Clock;
  resolve: Resolve;
  /** What each provider finds and can do on a host (the registry, which asks each provider). */
  providers: ProviderDetector;
  /** Answers that follow the deployment name on a provider (the compose project). */
  nameAnswers(provider: ProviderId, name: string): Record<string, string>;
  /** The install pipeline: plan and preflight for a request, on the inventory as it is now, with the facts the host check found. */
  prepare(request: WizardRequest, inventory: Inventory, facts: HostFactsService): Promise<PreparedWizardInstall>;
  /** Edit mode's reconfigure of a deployment, on the inventory as it is now. */
  reconfigure?(request: { host: string; name: string; sets: readonly string[] }, inventory: Inventory, facts: HostFactsService): Promise<PreparedWizardInstall>;
  /** Edit mode: the questions that cannot change in place, each with why. */
  fixedInEdit?(app: string, provider: ProviderId): Record<string, string>;
}

/** The wizard's services over the catalog, the inventory file, the SSH pool and the install pipeline. */
export function createWizardBackend(deps: WizardBackendDeps): WizardBackend {
  // Hosts added in the wizard join the inventory the rest of the session sees.
  let inventory = deps.inventory;
  const recipeOf = (id: string) => findRecipe(deps.catalog, id);
  const hostNamed = (name: string) => findHost(inventory, name);
  const choiceOf = (host: KnownHost): HostChoice => ({ name: host.name, kind: host.kind, address: host.kind === 'ssh' ? host.address : '' });
  const savedFor = (app: string) => loadSavedAnswers(deps.answersDir, recipeOf(app));
  // One kept copy of each host's facts: the host step's check probes (a refresh), the install reads it.
  const facts = createHostFactsService({ runnerFor: (name) => deps.runnerFor(hostNamed(name)), clock: deps.clock, cacheDir: deps.cacheDir, probeTimeoutMs: deps.probeTimeoutMs });

  return {
    apps: () => listedRecipes(deps.catalog, deps.includeTestApps).map((r) => ({ id: r.id, name: r.name, description: r.description })),
    hosts: () => allHosts(inventory).map(choiceOf),
    checkHost: async (name) => {
      const [check] = await checkHosts([hostNamed(name)], {
        runnerFor: deps.runnerFor,
        concurrency: 1,
        accepted: deps.accepted,
        probeTimeoutMs: deps.probeTimeoutMs,
        cacheDir: deps.cacheDir,
        clock: deps.clock,
        facts,
      });
      if (!check) throw new Error(`no check result for ${name}`);
      return check.facts ? { ...check, runs: hostRuns(check.facts, deps.providers.detect) } : check;
    },
    addHost: async (input) => {
      const next = addHost(inventory, input);
      await saveInventory(deps.hostsFile, next);
      inventory = next;
      return choiceOf(hostNamed(input.name));
    },
    providers: (app, facts) => providerOptions(recipeOf(app), facts, deps.providers.supports),
    form: async (app, provider) => {
      const recipe = recipeOf(app);
      const saved = await savedFor(app);
      return {
        evaluate: (input) => evaluateForm({ recipe, provider, ...(saved ? { saved } : {}), nameAnswers: (name) => deps.nameAnswers(provider, name), diskFree: (facts) => deps.providers.diskFree(provider, facts) }, input),
      };
    },
    checkPublicName: async (host, name) => {
      const known = hostNamed(host);
      return checkNameResolvesTo(name, { runner: deps.runnerFor(known), address: deps.addressOf(known) }, deps.resolve);
    },
    testDatabase: async (host, answers) => {
      const target = existingDatabase(answers);
      return target ? testDatabase(deps.runnerFor(hostNamed(host)), target, { clock: deps.clock }) : undefined;
    },
    prepare: (request) => deps.prepare(request, inventory, facts),
    ...(deps.fixedInEdit ? { editFixed: deps.fixedInEdit } : {}),
    ...(deps.reconfigure ? { prepareReconfigure: (request: { host: string; name: string; sets: readonly string[] }) => deps.reconfigure!(request, inventory, facts) } : {}),
    defaultsDiff: async (app, change) => {
      const recipe = recipeOf(app);
      const saved = await savedFor(app);
      return diffSaved(questionsFor(recipe), saved?.values ?? {}, nextDefaults(recipe, saved?.values ?? {}, change));
    },
    saveDefaults: async (app, change) => {
      const recipe = recipeOf(app);
      const saved = await savedFor(app);
      return writeSavedAnswers(deps.answersDir, recipe, nextDefaults(recipe, saved?.values ?? {}, change));
    },
  };
}

/**
 * The saved defaults after this install: for every question it answered, its value when that is not
 * the recipe's default, else nothing (the live default applies); saved answers of questions it did
 * not ask (another provider's) and saved secrets stay as they are.
 */
export function nextDefaults(recipe: Recipe, saved: Readonly<Record<string, ExplicitValue>>, change: DefaultsChange): Record<string, ExplicitValue> {
  const next: Record<string, ExplicitValue> = { ...saved };
  for (const question of questionsFor(recipe)) {
    if (question.type === 'secret' || !change.active.includes(question.id)) continue;
    const text = change.values[question.id];
    const checked = text === undefined ? undefined : checkAnswerText(question, text);
    if (checked?.ok) next[question.id] = checked.value;
    else delete next[question.id];
  }
  return Object.fromEntries(questionsFor(recipe).flatMap((q) => (next[q.id] !== undefined ? [[q.id, next[q.id] as ExplicitValue]] : [])));
}
