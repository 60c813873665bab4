import type { PreflightItem } from '../../src/providers/provider.js';
import { diffSaved } from '../../src/services/answers/saved-answers.js';
import { findRecipe, type Catalog } from '../../src/services/catalog/catalog.js';
import type { ProviderId } from '../../src/platform/recipe/provider-ids.js';
import { questionsFor } from '../../src/platform/recipe/questions.js';
import { UserError } from '../../src/platform/errors.js';
import type { HostCheck } from '../../src/services/hosts/check-hosts.js';
import { discardOperationLog } from '../../src/platform/operation/operation-log.js';
import { Operation } from '../../src/platform/operation/operation.js';
import type { Plan } from '../../src/platform/plan/plan.js';
import { renderPlanText } from '../../src/platform/plan/render-plan.js';
import type { SshInteraction } from '../../src/platform/ssh/interaction.js';
import { installCommandLine } from '../../src/services/wizard/cli-command.js';
import { nextDefaults } from '../../src/services/wizard/create-backend.js';
import { existingDatabase, type DatabaseCheck } from '../../src/services/wizard/database-check.js';
import { evaluateForm } from '../../src/services/wizard/form-model.js';
import { providerOptions } from '../../src/services/wizard/provider-options.js';
import { providerDetector } from '../../src/providers/registry.js';
import type { HostChoice, InstallOutcome, StepFailure, WizardBackend, WizardRequest } from '../../src/services/wizard/wizard-backend.js';
import { FakeClock } from './fake-clock.js';
import { FakeRunner } from './fake-runner.js';

/** What a test double of the wizard's services answers with. */
export interface FakeBackendOptions {
  catalog: Catalog;
  hosts: { choice: HostChoice; check: () => Promise<HostCheck> }[];
  implemented?: ProviderId[];
  preflight?: (request: WizardRequest) => PreflightItem[];
  /** The plan an install applies on `runner` (through the real Operation). */
  plan?: (request: WizardRequest) => Plan;
  runner?: FakeRunner;
  database?: (answers: Record<string, unknown>) => DatabaseCheck;
  publicName?: (name: string) => string | undefined;
  saved?: Record<string, Record<string, string>>;
  /** Called with the SSH interaction the store gives, to ask about host keys from a test. */
  onUi?: (ui: SshInteraction) => void;
}

/** A WizardBackend over the real form model, provider options and Operation, with hosts and plans from the test. */
export function fakeWizardBackend(options: FakeBackendOptions) {
  const requests: WizardRequest[] = [];
  const added: HostChoice[] = [];
  const savedDefaults: { app: string; values: Record<string, unknown> }[] = [];
  const runner = options.runner ?? new FakeRunner('docker');
  const recipeOf = (id: string) => findRecipe(options.catalog, id);
  const backend: WizardBackend = {
    apps: () => options.catalog.recipes.map((r) => ({ id: r.id, name: r.name, description: r.description })),
    hosts: () => [...options.hosts.map((h) => h.choice), ...added],
    checkHost: async (name) => {
      const host = options.hosts.find((h) => h.choice.name === name);
      if (!host) throw new UserError(`no host named "${name}"`);
      return host.check();
    },
    addHost: async (input) => {
      if (!/^[a-z0-9-]+$/.test(input.name)) throw new UserError(`invalid host: name: a host name is letters, digits and inner hyphens`);
      const choice: HostChoice = { name: input.name, kind: 'ssh', address: input.address };
      added.push(choice);
      return choice;
    },
    providers: (app, facts) => providerOptions(recipeOf(app), facts, providerDetector(options.implemented ?? ['compose', 'proxmox-lxc']).supports),
    form: async (app, provider) => {
      const recipe = recipeOf(app);
      const saved = options.saved?.[app];
      return {
        evaluate: (input) =>
          evaluateForm({ recipe, provider, ...(saved ? { saved: { source: 'saved', values: saved } } : {}), ...(provider === 'compose' ? { nameAnswers: (name: string) => ({ compose_project: name }) } : {}), diskFree: (facts) => providerDetector().diskFree(provider, facts) }, input),
      };
    },
    checkPublicName: async (_host, name) => options.publicName?.(name),
    testDatabase: async (_host, answers) => (existingDatabase(answers) ? (options.database?.(answers) ?? { ok: true, message: 'logged in' }) : undefined),
    prepare: async (request) => {
      requests.push(request);
      const preflight = options.preflight?.(request) ?? [{ status: 'ok', label: `the name "${request.name}" is free on ${request.host}` }];
      const plan = options.plan?.(request) ?? emptyPlan(request);
      return {
        preflight,
        blocked: preflight.some((i) => i.status === 'fail'),
        planText: renderPlanText(plan),
        creates: plan.steps.flatMap((s) => s.creates ?? []),
        credentials: [],
        answersFile: `/config/installs/${request.name}@${request.host}.yaml`,
        commandLine: installCommandLine({ ...request, values: request.repeatable }, request.app),
        apply: (handlers) => applyLikeThePipeline(plan, runner, handlers),
      };
    },
    defaultsDiff: async (app, change) => diffSaved(questionsFor(recipeOf(app)), options.saved?.[app] ?? {}, nextDefaults(recipeOf(app), options.saved?.[app] ?? {}, change)),
    saveDefaults: async (app, change) => {
      savedDefaults.push({ app, values: nextDefaults(recipeOf(app), options.saved?.[app] ?? {}, change) });
      return `/config/answers/${app}.yaml`;
    },
  };
  return { backend, requests, savedDefaults, runner };
}

function emptyPlan(request: WizardRequest): Plan {
  return { kind: 'install', deployment: request.name, host: request.host, provider: request.provider, app: request.app, steps: [], secrets: [] };
}

/** The same recovery loop as the install pipeline's applyPlan: retry, undo or keep after each failure. */
async function applyLikeThePipeline(plan: Plan, runner: FakeRunner, handlers: Parameters<Awaited<ReturnType<WizardBackend['prepare']>>['apply']>[0]): Promise<InstallOutcome> {
  const operation = new Operation(plan, { runner, clock: new FakeClock(), log: discardOperationLog, id: 'op-test', onEvent: handlers.onEvent });
  let failure: StepFailure | undefined;
  let status = await operation.run(handlers.signal);
  while (status === 'failed') {
    const failed = operation.failure;
    failure = { step: failed?.step ?? 0, title: plan.steps[failed?.step ?? 0]?.title ?? '', message: failed?.message ?? '' };
    const choice = await handlers.onFailure(failure);
    if (choice === 'retry') status = await operation.run(handlers.signal);
    else status = choice === 'keep' ? await operation.keep() : await operation.undo();
  }
  await operation.finish();
  return { status, urls: status === 'succeeded' ? [`http://10.0.0.2:8080/`] : [], ...(status !== 'succeeded' && failure ? { failure } : {}) };
}
