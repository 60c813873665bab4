import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BugError } from '../../platform/errors.js';

/**
 * The directory holding the shipped recipes, `config/apps`. The same walk works from the bundle
 * (dist/cli.js or a dist chunk → ../config/apps) and from the sources under vitest
 * (src/services/catalog → ../../../config/apps): go up from this module until one holds config/apps.
 */
export function findRecipeDir(from: string = import.meta.url): string {
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const candidate = join(dir, 'config', 'apps');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new BugError(`the app catalog (config/apps) was not found above ${from}; the package is incomplete`);
    dir = parent;
  }
}
