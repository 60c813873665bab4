// Where a lab instance keeps its manifest.
import { join } from 'node:path';

export function manifestPath(stateDir: string): string {
  return join(stateDir, 'manifest.json');
}
