import { BugError } from '../errors.js';
import { answerText, type AnswerValue } from './answer-value.js';

/**
 * The whole template language: `{{ name }}` is replaced by the answer called `name` (lists joined
 * with commas), or by a built-in: `version`, `app`, and `item` inside a `forEach`. There are no
 * expressions, filters, loops or escapes; choices are made with `when:` conditions on list entries
 * and `{value, when}` alternatives. Nothing is ever evaluated.
 */
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

export const BUILT_INS = ['version', 'app', 'item'] as const;

/** The names a template refers to. */
export function templateRefs(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Text left after removing the placeholders still holding `{{` or `}}` is malformed; say where. */
export function templateSyntaxProblem(template: string): string | undefined {
  const rest = template.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    return 'malformed placeholder: write {{ name }} with a question id (lower-case letters, digits, _)';
  }
  return undefined;
}

/** Values available to a template while rendering. */
export interface TemplateScope {
  lookup(name: string): AnswerValue | undefined;
  /** Called for every name used, so callers can tell when a secret went into a value. */
  onUse?(name: string): void;
}

/**
 * Substitutes placeholders. A placeholder without a value is a recipe bug (its entry needs a `when`),
 * so it throws BugError naming the place rather than rendering an empty string.
 */
export function renderTemplate(template: string, scope: TemplateScope, where: string): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = scope.lookup(name);
    if (value === undefined) {
      throw new BugError(`recipe template at ${where} uses {{ ${name} }}, which has no value here; guard the entry with a when: condition`);
    }
    scope.onUse?.(name);
    return answerText(value);
  });
}
