import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * vitest global setup: builds the bundle once per run, so tests that run `node bin/homelab-tui.js`
 * exercise the current sources exactly as `npx homelab-tui` would (dist/ finding config/apps).
 */
export default function buildCli(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
