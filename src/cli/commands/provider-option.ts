import { didYouMean } from '../../services/did-you-mean.js';
import { UserError } from '../../services/errors.js';
import { isProviderId, PROVIDERS, type ProviderId } from '../../services/catalog/providers.js';
import { supportedProviders } from '../../services/catalog/questions.js';
import type { Recipe } from '../../services/catalog/recipe-schema.js';

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
