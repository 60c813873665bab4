import { questionSchema, type Question } from './question-schema.js';
import { providerQuestions } from './provider-questions.js';
import { PROVIDERS, type ProviderId } from './provider-ids.js';
import type { Recipe } from './recipe-schema.js';

/** The providers a recipe has a section for, in the catalog's order. */
export function supportedProviders(recipe: Recipe): ProviderId[] {
  return PROVIDERS.filter((p) => recipe[p] !== undefined);
}

/** The built-in first question: which version to install (offered as `--set version=…` like any other). */
export function versionQuestion(recipe: Pick<Recipe, 'versions'>): Question {
  return questionSchema.parse({
    id: 'version',
    type: 'enum',
    label: 'Version',
    help: 'The app version to install; the first is the newest the catalog knows.',
    choices: recipe.versions,
    default: recipe.versions[0],
    advanced: true,
  });
}

/**
 * Every question for a recipe on one provider, in the order they are asked: the version, the app's
 * questions that apply to that provider, then the provider's own. Without a provider: the app's
 * questions and those of every provider the recipe supports (answers files and saved defaults may
 * hold any of them).
 */
export function questionsFor(recipe: Recipe, provider?: ProviderId): Question[] {
  const own = recipe.questions.filter((q) => !provider || !q.providers || q.providers.includes(provider));
  const providers = provider ? [provider] : supportedProviders(recipe);
  return [versionQuestion(recipe), ...own, ...providers.flatMap((p) => providerQuestions(recipe, p))];
}

export function findQuestion(recipe: Recipe, id: string): Question | undefined {
  return questionsFor(recipe).find((q) => q.id === id);
}
