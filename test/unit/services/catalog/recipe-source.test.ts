import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRecipeDir } from '../../../../src/services/catalog/recipe-dir.js';
import { loadRecipe, recipeSource } from '../../../../src/services/catalog/recipe-source.js';

function catalogCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hl-recipes-'));
  cpSync(findRecipeDir(), dir, { recursive: true });
  return dir;
}

describe('reading one recipe', () => {
  it('reads only the app\'s own file: a broken recipe beside it does not stop it, the whole catalog does', async () => {
    const dir = catalogCopy();
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\nname: [\n');
    expect((await loadRecipe(dir, 'labapp')).id).toBe('labapp');
    const source = recipeSource(dir);
    expect((await source.recipe('kavita')).id).toBe('kavita');
    await expect(source.catalog()).rejects.toThrow(/broken\.yaml:\d+:\d+: invalid YAML/);
  });

  it('an unknown app gets the catalog\'s answer with the closest id; a path-like id reads no file', async () => {
    const dir = catalogCopy();
    await expect(loadRecipe(dir, 'kavitta')).rejects.toThrow('no app named "kavitta" in the catalog; did you mean "kavita"?');
    await expect(loadRecipe(dir, '../apps/labapp')).rejects.toThrow('no app named "../apps/labapp"');
  });

  it('refuses a file whose id is not its name, as the catalog does', async () => {
    const dir = catalogCopy();
    writeFileSync(join(dir, 'other.yaml'), readFileSync(join(dir, 'labapp.yaml'), 'utf8'));
    await expect(loadRecipe(dir, 'other')).rejects.toThrow('the id "labapp" must match the file name');
  });

  it('reads each recipe once per source, and asks again after a failure', async () => {
    const dir = catalogCopy();
    const source = recipeSource(dir);
    const first = await source.recipe('labapp');
    expect(await source.recipe('labapp')).toBe(first);
    await expect(source.recipe('nothere')).rejects.toThrow(/no app named "nothere"/);
    writeFileSync(join(dir, 'nothere.yaml'), readFileSync(join(dir, 'labapp.yaml'), 'utf8').replace(/^id: labapp$/m, 'id: nothere'));
    expect((await source.recipe('nothere')).id).toBe('nothere');
  });
});
