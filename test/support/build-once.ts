import { execFileSync } from 'node:child_process';

/**
 * Vitest global setup: CLI tests run the real bundle, so build it once before any test file.
 * test/run-all.sh builds before it starts its lanes side by side and sets HOMELAB_TUI_BUILT=1, so
 * two lanes never rewrite dist/ under each other's feet.
 */
export default function setup(): void {
  if (process.env.HOMELAB_TUI_BUILT === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
