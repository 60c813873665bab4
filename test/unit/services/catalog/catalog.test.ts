import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRecipe, listedRecipes, loadCatalog } from '../../../../src/services/catalog/catalog.js';
import { supportedProviders } from '../../../../src/platform/recipe/questions.js';
import { findRecipeDir } from '../../../../src/services/catalog/recipe-dir.js';
import { shippedCatalog } from '../../../support/catalog.js';

describe('the shipped catalog', () => {
  it('loads every recipe, each with all three providers', async () => {
    const catalog = await shippedCatalog();
    expect(catalog.recipes.map((r) => r.id)).toEqual(['jellyfin', 'kavita', 'komga', 'labapp', 'qbittorrent', 'vikunja']);
    for (const recipe of catalog.recipes) expect(supportedProviders(recipe), recipe.id).toEqual(['compose', 'proxmox-lxc', 'k3s']);
  });

  it('hides the test recipe from users unless asked, but still finds it by id', async () => {
    const catalog = await shippedCatalog();
    expect(listedRecipes(catalog, false).map((r) => r.id)).not.toContain('labapp');
    expect(listedRecipes(catalog, true).map((r) => r.id)).toContain('labapp');
    expect(findRecipe(catalog, 'labapp').test).toBe(true);
  });

  it('suggests the closest app for a typo', async () => {
    const catalog = await shippedCatalog();
    expect(() => findRecipe(catalog, 'jelyfin')).toThrow('no app named "jelyfin" in the catalog; did you mean "jellyfin"?');
    expect(() => findRecipe(catalog, 'nextcloud')).toThrow(/^no app named "nextcloud" in the catalog$/);
  });
});

describe('findRecipeDir', () => {
  it('walks up from a module to the directory holding config/apps', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hl-pkg-'));
    await mkdir(join(root, 'config', 'apps'), { recursive: true });
    await mkdir(join(root, 'dist'), { recursive: true });
    expect(findRecipeDir(`file://${join(root, 'dist', 'cli.js')}`)).toBe(join(root, 'config', 'apps'));
    expect(findRecipeDir()).toMatch(/config\/apps$/);
  });

  it('fails clearly when there is no catalog above', () => {
    expect(() => findRecipeDir('/nonexistent-root/x/y.js')).toThrow('the app catalog (config/apps) was not found');
  });
});

describe('loadCatalog on broken recipes', () => {
  it('names the file, line and field, and requires the id to match the file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-apps-'));
    await writeFile(join(dir, 'demo.yaml'), 'id: demo\nname: Demo\ndescription: d\nversions: [1]\nminimums: { cores: 0, memory: 1G, disk: 1G }\n');
    await expect(loadCatalog(dir)).rejects.toThrow(/demo\.yaml:5:\d+: minimums\.cores: Too small/);
    await writeFile(join(dir, 'demo.yaml'), (await import('./recipe-fixture.js')).minimalRecipe.replace('id: demo', 'id: other'));
    await expect(loadCatalog(dir)).rejects.toThrow('the id "other" must match the file name');
  });
});
