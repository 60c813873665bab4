// npm run docs:screens still runs against the lab and takes the README's pictures from the real app:
// the dashboard with a healthy and an unhealthy deployment, the unhealthy one's details, the logs view,
// the install wizard's review step,
// each an SVG with the terminal's colours. (Written to a temporary folder, not over docs/screens.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'hl-screens-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const GREEN = 'fill="#32CD32"';
const RED = 'fill="#B22222"';

describe('docs:screens', () => {
  it('writes the dashboard, details, logs and wizard review pictures from the app on the lab', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/docs-screens/main.ts', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['dashboard.svg', 'details.svg', 'logs.svg', 'wizard-review.svg']);
    const svg = (name: string) => readFileSync(join(out, name), 'utf8');
    const dashboard = svg('dashboard.svg');
    expect(dashboard).toMatch(/^<svg xml:space="preserve" /);
    expect(dashboard).toContain('dashboard');
    for (const name of ['photos', 'tasks', 'wiki']) expect(dashboard).toContain(name);
    expect(dashboard).toContain(GREEN);
    expect(dashboard).toContain(RED);
    const details = svg('details.svg');
    expect(details).toContain('probe /health returned 500: database unreachable');
    expect(details).toContain(RED);
    expect(svg('logs.svg')).toContain('labapp 1 starting');
    expect(svg('wizard-review.svg')).toContain('Step 6/7 &#xB7; Review the plan');
  }, 180_000);
});
