import { execFileSync } from 'node:child_process';

/** Vitest global setup: CLI tests run the real bundle, so build it once before any test file. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
