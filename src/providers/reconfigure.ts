import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { Plan } from '../platform/plan/plan.js';
import type { Recipe } from '../platform/recipe/recipe-schema.js';
import type { Answers } from '../platform/recipe/answer-value.js';
import type { RenderedInputs } from './provider-module.js';
import type { PreflightItem, Provider, ProviderContext } from './provider.js';

/** One file (or settings block) a reconfigure rewrites: its text now on the host and after (secrets never in either). */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/**
 * What changing a deployment's answers would do, decided before anything changes: the plan (each
 * step undone by putting the previous files and settings back), the files it rewrites, the actions
 * it implies in words ("recreate labapp", "pct set 120 --memory 256"), and the preflight of what changes.
 */
export interface ReconfigureProposal {
  plan: Plan;
  files: FileChange[];
  actions: string[];
  preflight: PreflightItem[];
  /** Ids of the steps during which the app may not answer (recreated until healthy again); empty: it keeps answering. */
  interrupts?: string[];
}

/** The inputs before and after, and the record the deployment will have. */
export interface ReconfigureChange<I> {
  before: I;
  after: I;
  record: DeploymentRecord;
}

/** Can change a running deployment's configuration in place (the provider refuses what it cannot change in place). */
export interface Reconfigurable<I = RenderedInputs> {
  planReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<I>): Promise<ReconfigureProposal>;
  /** Questions this provider never changes in place, each with why (the wizard's edit mode shows them fixed). */
  fixedInPlace?(questionIds: readonly string[]): Record<string, string>;
}

export { isReconfigurable } from './provider.js';

/** A reconfigure bound to its renderer (so no caller needs the provider's input type). */
export type BoundReconfigure = (recipe: Recipe, before: Answers, after: Answers) => {
  before: RenderedInputs;
  after: RenderedInputs;
  plan(ctx: ProviderContext, record: DeploymentRecord, next: DeploymentRecord): Promise<ReconfigureProposal>;
};

/** Binds a provider's typed planReconfigure to its renderer (as bindInstaller does for installs). */
export function bindReconfigurer<I extends RenderedInputs>(provider: Reconfigurable<I>, render: (recipe: Recipe, answers: Answers) => I): BoundReconfigure {
  return (recipe, beforeAnswers, afterAnswers) => {
    const before = render(recipe, beforeAnswers);
    const after = render(recipe, afterAnswers);
    return { before, after, plan: (ctx, record, next) => provider.planReconfigure(ctx, record, { before, after, record: next }) };
  };
}
