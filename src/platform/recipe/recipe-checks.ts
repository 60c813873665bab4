import { namedDefaultProblem, withName } from './name-defaults.js';
import type { z } from 'zod';
import { allCases } from './cases.js';
import { checkCondition, type RecipeData, type Report } from './condition-checks.js';
import { isProviderQuestionId } from './provider-questions.js';
import { PROVIDERS } from './provider-ids.js';
import type { Question } from './question-schema.js';
import { checkAnswerInput } from './question-values.js';
import { versionQuestion } from './questions.js';
import { checkSections } from './section-checks.js';
import { BUILT_INS } from './template.js';

/**
 * Checks that zod's field-by-field schema cannot express: unique and non-reserved ids, `when`
 * conditions that only look back at earlier questions (so the order of asking is well defined),
 * defaults that pass their own question's validation, and sound provider sections.
 */
export function checkRecipe(recipe: RecipeData, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  if (!PROVIDERS.some((p) => recipe[p] !== undefined)) report([], 'a recipe needs at least one provider section: compose, proxmox-lxc or k3s');
  checkQuestions(recipe, report);
  checkSections(recipe, report);
  (recipe.dataMigrations ?? []).forEach((v, i) => {
    if (!recipe.versions.includes(v)) report(['dataMigrations', i], `not one of the recipe's versions (${recipe.versions.join(', ')})`);
  });
}

function checkQuestions(recipe: RecipeData, report: Report): void {
  const earlier = new Map<string, Question>([['version', versionQuestion(recipe)]]);
  recipe.questions.forEach((question, index) => {
    const at = (...rest: (string | number)[]) => ['questions', index, ...rest];
    if ((BUILT_INS as readonly string[]).includes(question.id) || isProviderQuestionId(question.id)) {
      report(at('id'), `"${question.id}" is reserved (built-in names and provider prefixes compose_, lxc_, k3s_)`);
    }
    if (earlier.has(question.id)) report(at('id'), `duplicate question id "${question.id}"`);
    checkCondition(question.when, earlier, report, at('when'));
    for (const provider of question.providers ?? []) {
      if (!recipe[provider]) report(at('providers'), `the recipe has no ${provider} section`);
    }
    checkDefaults(question, earlier, report, at('default'));
    if (question.type === 'ipv4' && question.inSubnetOf && earlier.get(question.inSubnetOf)?.type !== 'ipv4-cidr') {
      report(at('inSubnetOf'), `"${question.inSubnetOf}" is not an earlier ipv4-cidr question`);
    }
    earlier.set(question.id, question);
  });
}

function checkDefaults(question: Question, earlier: Map<string, Question>, report: Report, path: (string | number)[]): void {
  if (!('default' in question) || question.default === undefined) return;
  allCases<unknown>(question.default).forEach((option, i) => {
    const named = namedDefaultProblem(question, option.value);
    if (named) report(path, `default ${JSON.stringify(option.value)}: ${named}`);
    const checked = checkAnswerInput(question, withName(option.value, 'app'));
    if (!checked.ok) report(path, `default ${JSON.stringify(option.value)}: ${checked.reason}`);
    checkCondition(option.when, earlier, report, [...path, i, 'when']);
  });
}
