import type { Answers } from '../answer-value.js';
import type { ProviderId } from '../provider-ids.js';
import { isProviderQuestionId } from '../provider-questions.js';
import { questionsFor } from '../questions.js';
import type { Recipe } from '../recipe-schema.js';

/** The host name of the first URL or domain answer a provider's questions hold: what a reverse proxy routes to this app. */
export function publicHostOf(recipe: Recipe, provider: ProviderId, answers: Answers): string | undefined {
  for (const question of questionsFor(recipe, provider)) {
    const value = answers[question.id];
    // A provider's own names (the container's search domain) are not where people reach the app.
    if (typeof value !== 'string' || value === '' || isProviderQuestionId(question.id)) continue;
    if (question.type === 'domain') return value;
    if (question.type === 'url') return new URL(value).hostname;
  }
  return undefined;
}
