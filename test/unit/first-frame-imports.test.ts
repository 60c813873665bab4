// What the full-screen app loads before its first frame: the static imports of the modules
// launch-app.tsx loads (itself, the screens, the store). Heavy libraries that only the fleet, the
// wizard or a command need (SSH, the schema validators, every provider) must stay behind a dynamic
// import: one static import from the store or a screen cost the first frame 100 ms (bench:startup
// went from 2.9x to 4.0x bare node). Reads the bundle the unit project's global setup built.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', '..', 'dist');
const ENTRIES = ['launch-app-', 'App-', 'app-store-'];
const HEAVY = ['zod', 'ajv', 'ssh2', 'node-ssh', 'yaml'];

function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    // esbuild's minified static imports: `import{a as b}from"./chunk-X.js"` and `import"./chunk-X.js"`.
    for (const match of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) todo.push(match[1] as string);
  }
  return seen;
}

function packagesIn(file: string): string[] {
  const map = JSON.parse(readFileSync(join(DIST, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources.filter((s) => s.includes('node_modules/')).map((s) => s.split('node_modules/').pop()?.split('/')[0] as string);
}

describe('before the first frame', () => {
  it('the app loads none of SSH, zod, ajv or yaml (they load after it, on first use)', () => {
    expect(existsSync(DIST), 'dist/ is built by the global setup').toBe(true);
    const files = readdirSync(DIST);
    const entries = ENTRIES.map((prefix) => files.find((f) => f.startsWith(prefix) && f.endsWith('.js')) as string);
    expect(entries.every(Boolean), `entry chunks ${ENTRIES.join(', ')} in dist/`).toBe(true);
    const loaded = staticClosure(entries);
    const heavy = [...loaded].flatMap((file) => packagesIn(file).filter((p) => HEAVY.includes(p)).map((p) => `${p} (in ${file})`));
    expect([...new Set(heavy)]).toEqual([]);
  });
});
