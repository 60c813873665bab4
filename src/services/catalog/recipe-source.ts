import { join } from 'node:path';
import { readConfigText } from '../../platform/config/read-config-file.js';
import { parseYamlText } from '../../platform/config/yaml-file.js';
import { UserError } from '../../platform/errors.js';
import { recipeSchema, type Recipe } from '../../platform/recipe/recipe-schema.js';
import { findRecipe, loadCatalog, type Catalog } from './catalog.js';

/** The catalog read as a command needs it: one recipe by id, or all of them; each read once per run. */
export interface RecipeSource {
  /** One recipe by id (reading its own file only), or the catalog's UserError with the closest id. */
  recipe(id: string): Promise<Recipe>;
  /** Every recipe (the wizard, `catalog list`, adoption's matching). */
  catalog(): Promise<Catalog>;
}

// The recipe schema's id rule: such an id names exactly one file of the recipe directory.
const FILE_ID = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * A recipe's file is `<id>.yaml` (loadCatalog refuses any other name), so a command that needs one
 * app reads and validates that file alone: parsing every recipe's YAML is a quarter of a second of
 * each `status` or `backup` run. An id with no file gets the whole catalog's answer (did you mean).
 */
export async function loadRecipe(dir: string, id: string): Promise<Recipe> {
  if (FILE_ID.test(id)) {
    const path = join(dir, `${id}.yaml`);
    const text = await readConfigText(path, { missingOk: true });
    if (text !== undefined) {
      const recipe = parseYamlText(text, path, recipeSchema);
      if (recipe.id !== id) throw new UserError(`${path}: the id "${recipe.id}" must match the file name`, `rename the file to ${recipe.id}.yaml`);
      return recipe;
    }
  }
  return findRecipe(await loadCatalog(dir), id);
}

/** A RecipeSource over a recipe directory; a failed read is not kept (the next asks again). */
export function recipeSource(dir: string): RecipeSource {
  let whole: Promise<Catalog> | undefined;
  const one = new Map<string, Promise<Recipe>>();
  const forget = <T>(read: Promise<T>, drop: () => void): Promise<T> =>
    read.catch((error: unknown) => {
      drop();
      throw error;
    });
  return {
    catalog: () => (whole ??= forget(loadCatalog(dir), () => (whole = undefined))),
    recipe: (id) => {
      let found = one.get(id);
      if (!found) {
        found = whole ? whole.then((catalog) => findRecipe(catalog, id)) : loadRecipe(dir, id);
        one.set(id, forget(found, () => one.delete(id)));
      }
      return one.get(id) as Promise<Recipe>;
    },
  };
}
