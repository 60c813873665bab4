import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Question } from '../../platform/recipe/question-schema.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { writeFileAtomic } from '../../platform/config/atomic-write.js';
import { readConfigText } from '../../platform/config/read-config-file.js';
import { SECRET_MASK } from '../../platform/logger.js';
import { parseAnswersText } from './answers-file.js';
import { CLEARED, type ExplicitAnswers, type ExplicitValue } from './explicit-values.js';

/** Where an app's saved default answers live. */
export function savedAnswersPath(answersDir: string, appId: string): string {
  return join(answersDir, `${appId}.yaml`);
}

/** The saved defaults for an app, checked against its current questions; undefined when none are saved. */
export async function loadSavedAnswers(answersDir: string, recipe: Recipe): Promise<ExplicitAnswers | undefined> {
  const path = savedAnswersPath(answersDir, recipe.id);
  const text = await readConfigText(path, { missingOk: true, hint: `fix or remove it (saved answers for ${recipe.id})` });
  return text === undefined ? undefined : parseAnswersText(text, path, questionsFor(recipe));
}

/**
 * What saving would store: the saved values overlaid with what is given now (answers file, then
 * `--set`, strongest last), only values given on purpose (recipe defaults stay live). Secrets given
 * now are stored only when the user asks; secrets saved earlier stay.
 */
export function valuesToSave(
  recipe: Recipe,
  layers: { given: (ExplicitAnswers | undefined)[]; saved: ExplicitAnswers | undefined },
  options: { includeSecrets: boolean },
): Record<string, ExplicitValue> {
  const secret = new Set(questionsFor(recipe).filter((q) => q.type === 'secret').map((q) => q.id));
  const saved = layers.saved?.values ?? {};
  const merged: Record<string, ExplicitValue> = { ...saved };
  // `given` is strongest first, so apply it weakest first.
  for (const layer of [...layers.given].reverse()) {
    for (const [id, value] of Object.entries(layer?.values ?? {})) {
      if (options.includeSecrets || !secret.has(id)) merged[id] = value;
    }
  }
  return Object.fromEntries(questionsFor(recipe).flatMap((q) => (merged[q.id] !== undefined ? [[q.id, merged[q.id] as ExplicitValue]] : [])));
}

/** One line of a diff between saved values and new ones. */
export interface AnswerChange {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** What changes between two sets of saved values, secrets masked, in question order. */
export function diffSaved(questions: Question[], before: Record<string, ExplicitValue>, after: Record<string, ExplicitValue>): AnswerChange[] {
  const secret = new Set(questions.filter((q) => q.type === 'secret').map((q) => q.id));
  const show = (id: string, value: ExplicitValue): string => (secret.has(id) ? SECRET_MASK : value === CLEARED ? '""' : Array.isArray(value) ? `[${value.join(', ')}]` : String(value));
  const changes: AnswerChange[] = [];
  for (const { id } of questions) {
    const old = before[id];
    const next = after[id];
    if (old === undefined && next !== undefined) changes.push({ id, kind: 'added', after: show(id, next) });
    else if (old !== undefined && next === undefined) changes.push({ id, kind: 'removed', before: show(id, old) });
    else if (old !== undefined && next !== undefined && JSON.stringify(old) !== JSON.stringify(next)) changes.push({ id, kind: 'changed', before: show(id, old), after: show(id, next) });
  }
  return changes;
}

export function formatChanges(changes: AnswerChange[]): string {
  return changes
    .map((c) => (c.kind === 'added' ? `+ ${c.id}: ${c.after}` : c.kind === 'removed' ? `- ${c.id}: ${c.before}` : `~ ${c.id}: ${c.before} → ${c.after}`))
    .join('\n');
}

/** Writes the saved defaults (mode 0600: they may hold secrets when asked to). */
export async function writeSavedAnswers(answersDir: string, recipe: Recipe, values: Record<string, ExplicitValue>): Promise<string> {
  const path = savedAnswersPath(answersDir, recipe.id);
  const header = `# Saved default answers for ${recipe.name}, used by every install of ${recipe.id} unless --set or --answers say otherwise.\n`;
  await writeFileAtomic(path, header + (Object.keys(values).length > 0 ? stringify(values, { lineWidth: 0 }) : ''), 0o600);
  return path;
}
