import type { Answers, AnswerValue } from '../../platform/recipe/answer-value.js';
import { pickCase } from '../../platform/recipe/cases.js';
import { conditionHolds } from '../../platform/recipe/condition.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import { checkAnswerText } from '../../platform/recipe/question-values.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { Check } from '../../platform/validation/check.js';
import { checkGatewayInSubnet } from '../../platform/validation/network.js';

// What the wizard screens need: the steps to show for the answers so far, the default to pre-fill,
// and a check of what the user is typing that returns a reason in words.

/**
 * The questions to show, in order, given the answers so far: those whose `when` holds (judged in
 * order, so a question hidden by an earlier answer hides its dependants too) and, unless
 * `showAdvanced`, not advanced. Advanced questions keep their defaults when hidden.
 */
export function visibleQuestions(recipe: Recipe, provider: ProviderId, answers: Answers, options: { showAdvanced: boolean }): Question[] {
  const seen: Answers = {};
  const visible: Question[] = [];
  for (const question of questionsFor(recipe, provider)) {
    if (!conditionHolds(question.when, seen)) continue;
    const value = answers[question.id] ?? defaultFor(question, seen);
    if (value !== undefined) seen[question.id] = value;
    if (options.showAdvanced || !question.advanced) visible.push(question);
  }
  return visible;
}

/** The value to pre-fill: the recipe's default for these answers (secrets have none: they are generated). */
export function defaultFor(question: Question, answers: Answers): AnswerValue | undefined {
  if (!('default' in question) || question.default === undefined) return undefined;
  return pickCase<AnswerValue>(question.default as AnswerValue, answers);
}

/** Checks what the user typed for one question, including checks against other answers (a gateway in the subnet). */
export function checkTypedAnswer(question: Question, text: string, answers: Answers): Check<AnswerValue> {
  const checked = checkAnswerText(question, text);
  if (!checked.ok || question.type !== 'ipv4' || !question.inSubnetOf) return checked;
  const cidr = answers[question.inSubnetOf];
  return typeof cidr === 'string' ? checkGatewayInSubnet(String(checked.value), cidr) : checked;
}
