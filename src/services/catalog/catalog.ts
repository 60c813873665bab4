import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readConfigText } from '../../platform/config/read-config-file.js';
import { parseYamlText } from '../../platform/config/yaml-file.js';
import { didYouMean } from '../../platform/did-you-mean.js';
import { UserError } from '../../platform/errors.js';
import { findRecipeDir } from './recipe-dir.js';
import { recipeSchema, type Recipe } from '../../platform/recipe/recipe-schema.js';

/** Every recipe of the catalog, by id, in file-name order. */
export interface Catalog {
  recipes: Recipe[];
}

/**
 * Loads and validates every `*.yaml` in the recipe directory. A broken recipe is a packaging bug,
 * but it is reported like any YAML problem (file:line:col and field) so a recipe author can fix it.
 */
export async function loadCatalog(dir: string = findRecipeDir()): Promise<Catalog> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const recipes = await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      const recipe = parseYamlText((await readConfigText(path, { missingOk: false })) ?? '', path, recipeSchema);
      if (recipe.id !== basename(file, '.yaml')) throw new UserError(`${path}: the id "${recipe.id}" must match the file name`, `rename the file to ${recipe.id}.yaml`);
      return recipe;
    }),
  );
  return { recipes };
}

/** Recipes offered to users; test recipes only when asked for. */
export function listedRecipes(catalog: Catalog, includeTest: boolean): Recipe[] {
  return catalog.recipes.filter((r) => includeTest || !r.test);
}

/** One recipe by id, or a UserError with the closest id. Test recipes are found too (the lab installs them). */
export function findRecipe(catalog: Catalog, id: string): Recipe {
  const recipe = catalog.recipes.find((r) => r.id === id);
  if (recipe) return recipe;
  const guess = didYouMean(id, catalog.recipes.filter((r) => !r.test).map((r) => r.id));
  const known = listedRecipes(catalog, false).map((r) => r.id).join(', ');
  throw new UserError(`no app named "${id}" in the catalog${guess ? `; did you mean "${guess}"?` : ''}`, `apps: ${known}; see: homelab-tui catalog list`);
}
