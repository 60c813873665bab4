import type { Question } from '../platform/recipe/question-schema.js';
import { choicesOf } from '../platform/recipe/question-schema.js';
import { allowedText } from '../platform/recipe/question-values.js';
import { allCases } from '../platform/recipe/cases.js';
import { describeCondition } from '../platform/recipe/condition.js';
import { supportedProviders } from '../platform/recipe/questions.js';
import type { Recipe } from '../platform/recipe/recipe-schema.js';

/** A recipe as `catalog list --json` prints it. */
export function recipeSummary(recipe: Recipe) {
  return {
    id: recipe.id,
    name: recipe.name,
    description: recipe.description,
    ...(recipe.homepage ? { homepage: recipe.homepage } : {}),
    test: recipe.test,
    versions: recipe.versions,
    providers: supportedProviders(recipe),
    minimums: recipe.minimums,
  };
}

/** A question as `catalog show --json` prints it. */
export function questionSummary(question: Question) {
  const defaults = 'default' in question && question.default !== undefined ? allCases<unknown>(question.default) : [];
  return {
    id: question.id,
    type: question.type,
    label: question.label,
    ...(question.help ? { help: question.help } : {}),
    required: question.required,
    advanced: question.advanced,
    allowed: allowedText(question),
    ...(question.type === 'enum' ? { choices: choicesOf(question) } : {}),
    ...(defaults.length === 1 && !defaults[0]?.when ? { default: defaults[0]?.value } : {}),
    ...(defaults.length > 1 || defaults[0]?.when ? { defaults: defaults.map((d) => ({ value: d.value, ...(d.when ? { when: describeCondition(d.when) } : {}) })) } : {}),
    ...(question.type === 'secret' ? { generated: question.generate } : {}),
    ...(question.when ? { when: describeCondition(question.when) } : {}),
    ...(question.providers ? { providers: question.providers } : {}),
  };
}

/** The default column of `catalog show`: the plain default, alternatives by condition, or how a secret is made. */
export function defaultText(question: Question): string {
  if (question.type === 'secret') return question.generate ? '(generated)' : '';
  if (!('default' in question) || question.default === undefined) return '';
  return allCases<unknown>(question.default)
    .map((d) => `${Array.isArray(d.value) ? d.value.join(',') : String(d.value)}${d.when ? ` if ${describeCondition(d.when)}` : ''}`)
    .join('; ');
}

/** Notes for the last column: optional, advanced, when, providers. */
export function questionNotes(question: Question): string {
  return [
    question.required ? '' : 'optional',
    question.advanced ? 'advanced' : '',
    question.when ? `when ${describeCondition(question.when)}` : '',
    question.providers ? `only ${question.providers.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
