import { UserError } from '../../platform/errors.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { showCommand } from '../../platform/show-command.js';

/**
 * Orders two version texts by their dotted numbers (`10.10.7` < `10.11.0`, `2` > `1`); a leading `v` is
 * ignored. Undefined when either is not a version number (a tag such as `bad` or `latest`): such a
 * version has no place in the order and is only reached with `--to`.
 */
export function compareVersions(a: string, b: string): number | undefined {
  const parts = (v: string): number[] | undefined => {
    const m = /^v?(\d+(?:\.\d+)*)$/.exec(v);
    return m ? m[1]!.split('.').map(Number) : undefined;
  };
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The newest version a recipe knows: the highest version number it lists (its first entry when none is a number). */
export function newestVersion(recipe: Pick<Recipe, 'versions'>): string {
  let best: string | undefined;
  for (const v of recipe.versions) if (compareVersions(v, v) !== undefined && (best === undefined || (compareVersions(v, best) ?? 0) > 0)) best = v;
  return best ?? recipe.versions[0] ?? '';
}

/** Where an update goes, and whether it goes back (refused unless asked) or sideways (order unknown). */
export interface UpdateTarget {
  from: string;
  to: string;
  direction: 'newer' | 'older' | 'same' | 'unordered';
}

/**
 * The version an update of `from` goes to: `--to` (which the recipe must list) or the newest it knows.
 * A downgrade is refused unless `allowDowngrade`; the same version is refused (nothing to do).
 */
export function pickTarget(recipe: Pick<Recipe, 'id' | 'versions'>, from: string, options: { to?: string; allowDowngrade?: boolean; name: string }): UpdateTarget {
  const to = options.to ?? newestVersion(recipe);
  if (!recipe.versions.includes(to)) {
    throw new UserError(`--to: ${recipe.id} has no version "${to.slice(0, 40)}"`, `the versions it knows: ${recipe.versions.join(', ')}`);
  }
  const order = compareVersions(to, from);
  const direction = order === undefined ? 'unordered' : order > 0 ? 'newer' : order < 0 ? 'older' : 'same';
  if (direction === 'same' || (to === from)) {
    throw new UserError(`${options.name} already runs ${recipe.id} ${from}`, options.to ? 'nothing to do' : `the newest version the catalog knows is ${to}; nothing to do`, 1);
  }
  if (direction === 'older' && !options.allowDowngrade) {
    throw new UserError(`--to: ${to} is older than ${from}, which ${options.name} runs`, `a downgrade may not read data a newer version wrote; to do it anyway: ${showCommand(['homelab-tui', 'update', options.name, '--to', to, '--allow-downgrade'])}`);
  }
  return { from, to, direction };
}
