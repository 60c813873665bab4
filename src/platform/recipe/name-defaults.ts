import { pickCase } from './cases.js';
import type { ProviderId } from './provider-ids.js';
import type { Question } from './question-schema.js';
import { questionsFor } from './questions.js';
import type { Recipe } from './recipe-schema.js';
import { templateRefs } from './template.js';

/**
 * Path defaults may name the deployment: `/srv/{{ name }}/data`. So two deployments of one app get
 * folders of their own unless told otherwise (the only placeholder a default may hold).
 */
export const NAME_PLACEHOLDER = /\{\{\s*name\s*\}\}/g;
const HAS_NAME = /\{\{\s*name\s*\}\}/;

/** True for a question whose default may hold `{{ name }}`. */
export function takesNamedDefault(question: Question): boolean {
  return question.type === 'path' || question.type === 'paths';
}

/** A default with `{{ name }}` replaced; other values as they are. */
export function withName<T>(value: T, name: string): T {
  if (typeof value === 'string') return value.replace(NAME_PLACEHOLDER, name) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? v.replace(NAME_PLACEHOLDER, name) : v)) as T;
  return value;
}

/** Placeholders of a default other than `{{ name }}`, or `{{ name }}` where the type takes none: recipe mistakes. */
export function namedDefaultProblem(question: Question, value: unknown): string | undefined {
  const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const refs = texts.flatMap(templateRefs);
  if (refs.length === 0) return undefined;
  if (!takesNamedDefault(question)) return `only path defaults may hold {{ name }} (the deployment name)`;
  const other = refs.find((r) => r !== 'name');
  return other ? `a default may hold only {{ name }} (the deployment name), not {{ ${other} }}` : undefined;
}

/**
 * The path answers that follow the deployment name (their recipe default holds `{{ name }}`, as
 * `/srv/{{ name }}/data`), by question id, as text. Defaults that depend on earlier answers
 * (`{value, when}` alternatives) are judged without them; the first plain one counts.
 */
export function nameDefaults(recipe: Recipe, provider: ProviderId, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const question of questionsFor(recipe, provider)) {
    if (!takesNamedDefault(question) || !('default' in question) || question.default === undefined) continue;
    const value = pickCase<unknown>(question.default, {});
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : [];
    if (!texts.some((t) => HAS_NAME.test(t))) continue;
    out[question.id] = texts.map((t) => t.replace(NAME_PLACEHOLDER, name)).join(',');
  }
  return out;
}
