import { didYouMean } from '../../platform/did-you-mean.js';
import { UserError } from '../../platform/errors.js';
import { isProviderId, PROVIDERS, type ProviderId } from '../../platform/recipe/provider-ids.js';
import { supportedProviders } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';

/** Checks `--provider`: a known provider that this recipe supports; undefined when not given. */
export function providerOption(recipe: Recipe, value: unknown): ProviderId | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!isProviderId(text)) {
    const guess = didYouMean(text, PROVIDERS);
    throw new UserError(`--provider: unknown provider "${text}"${guess ? `; did you mean "${guess}"?` : ''}`, `providers: ${PROVIDERS.join(', ')}`);
  }
  if (!supportedProviders(recipe).includes(text)) {
    throw new UserError(`${recipe.name} has no recipe for ${text}`, `it can be installed with: ${supportedProviders(recipe).join(', ')}`);
  }
  return text;
}
