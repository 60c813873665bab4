import type { Answers } from '../answer-value.js';
import type { ProviderId } from '../provider-ids.js';
import type { Recipe } from '../recipe-schema.js';
import type { ServiceSpec } from '../section-schema.js';
import { createScope, holds, pick, text } from './scope.js';

/**
 * The image each active service of a recipe's section runs at `version`, from a deployment's answers
 * (secrets are not needed: image names never hold them). A section without services gives none.
 */
export function recipeImages(recipe: Recipe, provider: ProviderId, answers: Answers, version: string): Record<string, string> {
  const section = recipe[provider] as { services?: ServiceSpec[] } | undefined;
  if (!section?.services) return {};
  const scope = createScope(recipe, provider, { ...answers, version });
  const images: Record<string, string> = {};
  for (const spec of section.services.filter((s) => holds(scope, s.when))) {
    const image = pick(scope, spec.image);
    if (image !== undefined) images[spec.name] = text(scope, image, `${provider}.services.${spec.name}.image`);
  }
  return images;
}
