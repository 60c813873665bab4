import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'pve');

/** The text of a captured (lab-sim) or schema-derived (schema-returns) PVE answer. */
export function pveFixture(source: 'lab-sim' | 'schema-returns', name: string): string {
  return readFileSync(join(DIR, source, name), 'utf8');
}
