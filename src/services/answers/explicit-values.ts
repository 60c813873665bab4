import { didYouMean } from '../../platform/did-you-mean.js';
import { UserError } from '../../platform/errors.js';
import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import { allowedText, checkAnswerInput, checkAnswerText } from '../../platform/recipe/question-values.js';

/**
 * A value a user gave on purpose. The empty string means "cleared": an optional question left empty
 * even though it has a default (`--set downloads_dir=` or `downloads_dir: ""`).
 */
export type ExplicitValue = AnswerValue;
export const CLEARED = '';

/** Values from one source (`--set`, an answers file, saved defaults), already checked. */
export interface ExplicitAnswers {
  /** Where they came from, for messages: `--set`, or a file path. */
  source: string;
  values: Record<string, ExplicitValue>;
}

/** Checks one raw value for a question; `origin` names where it came from in the error. */
export function explicitValue(question: Question, raw: unknown, origin: string, options: { echo: boolean } = { echo: true }): { ok: true; value: ExplicitValue } | { ok: false; message: string; hint: string } {
  const hint = `"${question.id}" (${question.label}) accepts ${allowedText(question)}`;
  // An empty list says the same as an empty string: nothing for this question.
  if (raw === '' || (Array.isArray(raw) && raw.length === 0)) {
    return question.required ? { ok: false, message: `${origin}: "${question.id}" needs a value`, hint } : { ok: true, value: CLEARED };
  }
  const checked = typeof raw === 'string' ? checkAnswerText(question, raw) : checkAnswerInput(question, raw);
  if (checked.ok) return checked;
  if (options.echo) return { ok: false, message: `${origin}: ${JSON.stringify(raw)} is not accepted for "${question.id}" (${question.label}): ${checked.reason}`, hint };
  const reason = reasonWithoutValue(checked.reason, [raw].flat().map(String));
  return { ok: false, message: `${origin}: the value is not accepted for "${question.id}" (${question.label})${reason ? `: ${reason}` : ''}`, hint };
}

/**
 * A check's reason with the value (or a list item) it quotes put as "it", for messages about a file,
 * whose values are never echoed; undefined when the value would still show.
 */
function reasonWithoutValue(reason: string, items: string[]): string | undefined {
  let text = reason;
  for (const item of items.filter((i) => i.length > 0)) {
    text = text.replaceAll(`"${item}": `, '').replaceAll(`"${item}"`, 'it');
    if (text.startsWith(`${item} `)) text = `it ${text.slice(item.length + 1)}`;
  }
  return text.includes('"') || items.some((item) => item.length > 2 && text.includes(item)) ? undefined : text;
}

/** The question called `key`, or a UserError with the closest id. */
export function questionNamed(key: string, questions: Question[], origin: string): Question {
  const question = questions.find((q) => q.id === key);
  if (question) return question;
  const guess = didYouMean(key, questions.map((q) => q.id));
  throw new UserError(`${origin}: unknown question "${key}"${guess ? `; did you mean "${guess}"?` : ''}`, `questions: ${questions.map((q) => q.id).join(', ')}`);
}

/** Parses `--set key=value` entries (each checked against its question) into explicit answers. */
export function parseSetFlags(sets: readonly string[], questions: Question[]): ExplicitAnswers {
  const values: Record<string, ExplicitValue> = {};
  for (const entry of sets) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UserError(`--set "${entry}": write KEY=VALUE`, 'for example --set port=8080; see the keys with: homelab-tui catalog show APP');
    const key = entry.slice(0, eq).trim();
    const question = questionNamed(key, questions, '--set');
    const checked = explicitValue(question, entry.slice(eq + 1), `--set ${key}`);
    if (!checked.ok) throw new UserError(checked.message, checked.hint);
    values[key] = checked.value;
  }
  return { source: '--set', values };
}
