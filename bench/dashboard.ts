// bench/dashboard: issue 9's three figures in one run (npm run bench:dashboard, which sets
// NODE_ENV=production so React runs as shipped).
//   1. Dashboard with 500 services: a refresh that changes one row renders in ≤ 16 ms at p95.
//   2. Logs: 200,000 lines fed as fast as possible, in a real pty: ≥ 50,000 lines/s taken in, ≤ 20
//      repaints a second, ≤ 50 MB memory growth.
//   3. `status --json` on 20 lab hosts with +200 ms round trip: < 10 s (needs LAB_EXTRA_HOSTS=20 lab).
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { measureDashboardRender, REFRESHES } from './dashboard-render.js';
import { measureLogsInPty } from './logs-pty.js';
import { measureStatusOnLab } from './status-lab.js';

const root = join(import.meta.dirname, '..');
const met = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

const lines: string[] = [`bench/dashboard on node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}; machine load at start ${load()} (1/5/15 min) on 2 cores`];

const small = await measureDashboardRender(80, 24);
const large = await measureDashboardRender(160, 50);
lines.push(
  '',
  `1. dashboard, ${small.services} services, a refresh changing one row on screen (${REFRESHES} refreshes, BENCH_REFRESHES to change)`,
  `   80×24:  p50 ${ms(small.p50)}  p95 ${ms(small.p95)}  max ${ms(small.max)}  (Ink's own drawing p95 ${ms(small.inkP95)}; ${Math.round(small.bytesPerFrame)} bytes/frame)   target p95 ≤ 16 ms: ${met(small.p95 <= 16)}`,
  `   160×50: p50 ${ms(large.p50)}  p95 ${ms(large.p95)}  max ${ms(large.max)}  (a big terminal draws 4× the cells)   target p95 ≤ 16 ms: ${met(large.p95 <= 16)}`,
);

const logs = measureLogsInPty();
lines.push(
  '',
  `2. logs view in a real 80×24 pty: ${logs.lines} lines from 4 services as fast as the source gives them`,
  `   taken in: ${Math.round(logs.linesPerSecond)} lines/s (${logs.seconds.toFixed(2)} s)   target ≥ 50000: ${met(logs.linesPerSecond >= 50_000)}`,
  `   repaints the terminal received: ${logs.frames} in all, at most ${logs.framesPerSecondMax} in any second   target ≤ 20/s: ${met(logs.framesPerSecondMax <= 20)}`,
  `   memory growth (peak during the feed over the idle view): RSS ${logs.rssGrowthMb.toFixed(1)} MB, JS heap ${logs.heapGrowthMb.toFixed(1)} MB; ${logs.kept} lines kept   target RSS ≤ 50 MB: ${met(logs.rssGrowthMb <= 50)}`,
);

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const status = await measureStatusOnLab();
if (typeof status === 'string') lines.push('', `3. status --json on 20 lab hosts: ${status}`);
else {
  const worst = Math.max(...status.runsMs);
  lines.push(
    '',
    `3. status --json (built CLI, fresh process) on ${status.hosts} lab hosts, +${status.delayMs} ms round trip each, ${status.runsMs.length} runs`,
    `   ${status.runsMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')} (exit ${status.exitCodes.join(', ')}; ${status.reachable}/${status.hosts} hosts answered)   target < 10 s: ${met(worst < 10_000 && status.reachable === status.hosts)}`,
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const ratio = median(status.runsMs) / Math.max(1, median(status.oneHostRunsMs));
  lines.push(
    `   with resource figures (load, memory, disks) from ${status.withFigures}/${status.hosts} hosts; one host alone: ${status.oneHostRunsMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`,
    `   20 hosts against one (medians): ${ratio.toFixed(2)}x   target ≤ 2x: ${met(ratio <= 2 && status.withFigures === status.hosts)}`,
  );
}
lines.push('', `machine load at end ${load()}`);
process.stdout.write(`${lines.join('\n')}\n`);
