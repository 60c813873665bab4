import type { Answers, AnswerValue } from '../../platform/recipe/answer-value.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { UserError } from '../../platform/errors.js';
import { SECRET_MASK } from '../../platform/logger.js';
import { showCommand } from '../../platform/show-command.js';
import type { ExplicitAnswers } from '../answers/explicit-values.js';
import { requireComplete, resolveAnswers } from '../answers/resolve.js';

/** One answer that changes: old -> new, secrets masked. */
export interface AnswerChange {
  id: string;
  label: string;
  before: AnswerValue | undefined;
  after: AnswerValue | undefined;
  secret: boolean;
}

/** The deployment's answers now and after the change, with what changes. */
export interface ReconfiguredAnswers {
  questions: Question[];
  before: Answers;
  after: Answers;
  changes: AnswerChange[];
}

/**
 * Answers that are not changed in place, with what to do instead: the version is an update, the
 * database kind moves the data (a backup, then a restore into a new deployment).
 */
const NOT_IN_PLACE: Record<string, (name: string) => string> = {
  version: (name) => `a new version is an update: ${showCommand(['homelab-tui', 'update', name])}`,
  db_type: () => 'the database kind is changed by backing up, installing anew with the new kind and restoring there',
  db_mode: () => 'the database kind is changed by backing up, installing anew with the new kind and restoring there',
};

/** Answers no reconfigure changes, each with why in a few words (the wizard's edit mode shows them fixed). */
export function fixedEverywhere(questionIds: readonly string[]): Record<string, string> {
  const why: Record<string, string> = { version: 'a new version is an update', db_type: 'the database kind moves the data', db_mode: 'the database kind moves the data' };
  return Object.fromEntries(questionIds.filter((id) => why[id]).map((id) => [id, why[id] ?? '']));
}

/** Stands for a secret kept on the host: the same text before and after, so a file holding it does not change. */
function keptSecret(id: string): string {
  return `homelab-tui-kept-secret-${id}`;
}

/**
 * Starts from the deployment's current answers (its record; secrets stand as kept placeholders),
 * applies `--set` and the answers file, checked like the wizard and `install` check them, and
 * refuses what cannot change in place. A bad value is a UserError naming the field (exit 2).
 */
export function reconfigureAnswers(recipe: Recipe, record: DeploymentRecord, changes: { sets?: readonly string[]; file?: ExplicitAnswers }): ReconfiguredAnswers {
  const current: ExplicitAnswers = {
    source: `the record of ${record.name}`,
    values: { ...(record.answers as Record<string, AnswerValue>), ...Object.fromEntries(record.secretKeys.map((id) => [id, keptSecret(id)])) },
  };
  const base = resolveAnswers(recipe, record.provider, { saved: current }, { name: record.name, generateSecrets: false });
  const next = resolveAnswers(recipe, record.provider, { sets: changes.sets ?? [], ...(changes.file ? { file: changes.file } : {}), saved: current }, { name: record.name, generateSecrets: false });
  const after = requireComplete(next);
  const before = base.answers;
  const secret = new Set(next.questions.filter((q) => q.type === 'secret').map((q) => q.id));
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed: AnswerChange[] = ids
    .filter((id) => JSON.stringify(before[id]) !== JSON.stringify(after[id]))
    .map((id) => ({ id, label: next.questions.find((q) => q.id === id)?.label ?? id, before: mask(secret.has(id), before[id]), after: mask(secret.has(id), after[id]), secret: secret.has(id) }));
  for (const change of changed) {
    const instead = NOT_IN_PLACE[change.id];
    if (instead) throw new UserError(`"${change.id}" (${change.label}) of ${record.name} cannot be changed by reconfigure; nothing was changed`, instead(record.name));
    if (change.secret) throw new UserError(`"${change.id}" (${change.label}) is a secret kept on the host and is not changed by reconfigure in this version; nothing was changed`, 'drop it from --set and the answers file');
  }
  return { questions: next.questions, before, after, changes: changed };
}

function mask(secret: boolean, value: AnswerValue | undefined): AnswerValue | undefined {
  return secret && value !== undefined ? SECRET_MASK : value;
}
