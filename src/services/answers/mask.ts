import type { Answers, AnswerValue } from '../../platform/recipe/answer-value.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import { SECRET_MASK } from '../../platform/logger.js';

/** Answers safe to print: every secret replaced by the mask. */
export function maskedAnswers(questions: Question[], answers: Answers): Record<string, AnswerValue> {
  const secret = new Set(questions.filter((q) => q.type === 'secret').map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, secret.has(id) ? SECRET_MASK : value]));
}
