import type { PreflightItem } from '../../providers/provider.js';
import type { FileChange, ProviderRegistry } from '../../providers/registry.js';
import type { Clock } from '../../platform/clock.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { ExplicitAnswers } from '../answers/explicit-values.js';
import { findRecipe, type Catalog } from '../catalog/catalog.js';
import { incapable } from '../lifecycle/action-table.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';
import { showCommand } from '../../platform/show-command.js';
import { reconfigureAnswers, type AnswerChange } from './reconfigure-answers.js';
import { diffLines, type DiffLine } from './text-diff.js';
import { checkNameResolvesTo, publicNameOf, type Resolve } from '../wizard/domain-check.js';
import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import type { HostHandle } from '../lifecycle/host-access.js';

/** The changes asked for: `--set KEY=VALUE` entries and an answers file (already read and checked). */
export interface ReconfigureRequest {
  sets?: readonly string[];
  file?: ExplicitAnswers;
}

/** A file's diff, ready to show. */
export interface FileDiff {
  path: string;
  lines: DiffLine[];
}

/** A reconfigure ready for review: nothing on the host changed yet. */
export interface PreparedReconfigure {
  deployment: OpenDeployment;
  recipe: Recipe;
  answers: AnswerChange[];
  files: FileDiff[];
  /** What applying implies, in words ("recreate labapp (…)", "pct set …"); empty: nothing changes. */
  actions: string[];
  preflight: PreflightItem[];
  /** True when a preflight item failed: apply is refused. */
  blocked: boolean;
  plan: Plan;
  /** Ids of the plan's steps during which the app may not answer. */
  interrupts: string[];
}

/** What the preparation needs: the catalog (the deployment's recipe), the providers and a clock. */
export interface ReconfigureDeps {
  catalog: Catalog;
  registry: ProviderRegistry;
  clock: Clock;
  /** Looks a name up as this machine does: a changed domain (or URL host) is checked to resolve to the host. */
  resolve?: Resolve;
}

/**
 * From an opened deployment and the answers to change to a reviewed plan: the current answers with
 * the changes (checked like the wizard's; a bad one fails naming the field), what cannot change in
 * place refused, the provider's plan, the diff of every file it rewrites, the actions it implies
 * and the preflight of what changes. Nothing on the host changes.
 */
export async function prepareReconfigure(deployment: OpenDeployment, request: ReconfigureRequest, deps: ReconfigureDeps): Promise<PreparedReconfigure> {
  const { record, handle } = deployment;
  const provider = providerOf(deployment);
  if (record.operation) {
    throw new UserError(`${record.name} on ${handle.name} has an interrupted ${record.operation.kind}`, `finish it: ${showCommand(['homelab-tui', 'resume', record.name, '--host', handle.name])}, or take it back: ${showCommand(['homelab-tui', 'undo', record.name, '--host', handle.name])}`, 1);
  }
  const bind = deployment.entry?.reconfigure;
  const cannot = incapable('reconfigure', provider) ?? (bind ? undefined : `${provider.label} deployments cannot be reconfigured with this version of homelab-tui`);
  if (cannot || !bind) throw new UserError(cannot ?? 'cannot be reconfigured', `back it up, install anew with the answers you want, and restore there`, 1);
  const recipe = findRecipe(deps.catalog, record.app);
  const answers = reconfigureAnswers(recipe, record, request);
  const bound = bind(recipe, answers.before, answers.after);
  const next: DeploymentRecord = {
    ...record,
    answers: Object.fromEntries(Object.entries(answers.after).filter(([id]) => !record.secretKeys.includes(id))),
    updatedAt: new Date(deps.clock.now()).toISOString(),
  };
  const proposal = await bound.plan(deployment.ctx, record, next);
  const names = deps.resolve ? await publicNames(answers.questions, answers.changes, handle, deps.resolve) : [];
  const preflight = [...proposal.preflight, ...names];
  return {
    deployment,
    recipe,
    answers: answers.changes,
    files: proposal.files.map((f: FileChange) => ({ path: f.path, lines: diffLines(f.before, f.after) })),
    actions: proposal.actions,
    preflight,
    blocked: preflight.some((i) => i.status === 'fail'),
    plan: proposal.plan,
    interrupts: proposal.interrupts ?? [],
  };
}

/** Each changed public name (a domain answer, a URL's host) resolves to the host, or a warning says where it points. */
async function publicNames(questions: readonly { id: string; type: string }[], changes: readonly { id: string; after: AnswerValue | undefined }[], handle: HostHandle, resolve: Resolve): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  for (const change of changes) {
    const type = questions.find((q) => q.id === change.id)?.type ?? '';
    const name = typeof change.after === 'string' ? publicNameOf(type, change.after) : undefined;
    if (!name) continue;
    const warning = await checkNameResolvesTo(name, { runner: handle.runner, address: handle.address }, resolve);
    items.push(warning ? { status: 'warn', label: `${change.id}: ${name}`, detail: warning, hint: 'fix the DNS record, or go on if a proxy or NAT answers for it' } : { status: 'ok', label: `${name} resolves to ${handle.name}` });
  }
  return items;
}
