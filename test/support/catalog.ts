import { requireComplete, resolveAnswers } from '../../src/services/answers/resolve.js';
import { renderLxcInputs } from '../../src/providers/proxmox-lxc/render.js';
import type { LxcInputs } from '../../src/providers/proxmox-lxc/inputs.js';
import type { Question } from '../../src/platform/recipe/question-schema.js';
import { choicesOf } from '../../src/platform/recipe/question-schema.js';
import { loadCatalog, type Catalog } from '../../src/services/catalog/catalog.js';
import { findRecipe } from '../../src/services/catalog/catalog.js';
import type { Recipe } from '../../src/platform/recipe/recipe-schema.js';

let shipped: Promise<Catalog> | undefined;

/** The catalog shipped in config/apps, loaded once per test file. */
export function shippedCatalog(): Promise<Catalog> {
  shipped ??= loadCatalog();
  return shipped;
}

export async function shippedRecipe(id: string): Promise<Recipe> {
  return findRecipe(await shippedCatalog(), id);
}

/**
 * A valid value for a question as a user would type it, different from its default where the type
 * allows, so a test can tell the given value from the default.
 */
export function sampleText(question: Question): string {
  switch (question.type) {
    case 'enum': {
      const choices = choicesOf(question);
      return choices[choices.length - 1]?.value ?? '';
    }
    case 'string':
      return typeof question.default === 'string' ? `${question.default}x` : 'sample';
    case 'domain':
      return 'apps.example.org';
    case 'hostname':
      return 'node-2';
    case 'host':
      return '10.0.0.9';
    case 'email':
      return 'admin@example.org';
    case 'url':
      return 'https://apps.example.org/';
    case 'timezone':
      return 'Europe/Berlin';
    case 'port':
      return '8443';
    case 'integer':
      return String(Math.min(question.max, question.min + 1));
    case 'cores':
      return String(Math.min(question.max, question.min + 1));
    case 'memory':
      return '64G';
    case 'size':
      return '512G';
    case 'path':
      return '/srv/sample/dir';
    case 'paths':
      return '/srv/sample/a,/srv/sample/b';
    case 'list':
      return 'one,two';
    case 'secret':
      return 'S3cret-sample-value';
    case 'boolean':
      return question.default === true ? 'false' : 'true';
    case 'ipv4':
      return '192.168.5.1';
    case 'ipv4-cidr':
      return '192.168.5.20/24';
    case 'vlan':
      return '42';
  }
}

/** A shipped recipe's LXC inputs for these `--set` answers (defaults for the rest). */
export async function shippedLxcInputs(id: string, ...sets: string[]): Promise<LxcInputs> {
  const recipe = await shippedRecipe(id);
  return renderLxcInputs(recipe, requireComplete(resolveAnswers(recipe, 'proxmox-lxc', { sets })));
}
