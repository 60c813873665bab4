import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { renderComposeInputs } from '../../../../src/providers/compose/render.js';
import type { ComposeInputs } from '../../../../src/providers/compose/inputs.js';
import { shippedRecipe } from '../../../support/catalog.js';

/** Compose inputs of a shipped recipe with these --set answers (secrets generated). */
export async function composeInputs(app: string, ...sets: string[]): Promise<ComposeInputs> {
  const recipe = await shippedRecipe(app);
  return renderComposeInputs(recipe, requireComplete(resolveAnswers(recipe, 'compose', { sets })));
}

export const VIKUNJA_URL = 'public_url=https://tasks.example.com/';
