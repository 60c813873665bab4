import type { Provider } from '../../providers/provider.js';
import { isReconfigurable } from '../../providers/registry.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { fixedEverywhere } from './reconfigure-answers.js';

/**
 * The questions of a deployment that reconfigure never changes in place, each with why: the version,
 * the database kind, secrets (kept on the host), and what the provider cannot change in place.
 */
export function fixedQuestions(recipe: Recipe, providerId: ProviderId, provider: Provider): Record<string, string> {
  const questions = questionsFor(recipe, providerId);
  const ids = questions.map((q) => q.id);
  const secrets = Object.fromEntries(questions.filter((q) => q.type === 'secret').map((q) => [q.id, 'a secret stays as it is on the host']));
  const own = isReconfigurable(provider) ? (provider.fixedInPlace?.(ids) ?? {}) : {};
  return { ...own, ...secrets, ...fixedEverywhere(ids) };
}
