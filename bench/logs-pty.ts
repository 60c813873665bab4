// Figure 2 of bench/dashboard: bench/logs-feed.tsx in a real 80×24 pseudo-terminal (bench/pty_run.py),
// with the frames the terminal received counted on the terminal's side.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export interface LogsFigures {
  lines: number;
  linesPerSecond: number;
  seconds: number;
  framesPerSecondMax: number;
  framesPerSecondMean: number;
  frames: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
  kept: number;
}

/** Most frames inside any one-second window of [start, end]. */
function maxPerSecond(times: number[]): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[to] as number) - (times[from] as number) >= 1000) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

export function measureLogsInPty(): LogsFigures {
  const dir = mkdtempSync(join(tmpdir(), 'hl-bench-logs-'));
  const statsFile = join(dir, 'stats.json');
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', NODE_ENV: 'production' };
    // Ink draws only the last frame when it believes it runs in CI.
    delete env.CI;
    const out = execFileSync(
      'python3',
      [join(root, 'bench', 'pty_run.py'), '--cols', '80', '--rows', '24', '--frames', '--timeout', '120', '--', process.execPath, '--expose-gc', '--import', 'tsx', join(root, 'bench', 'logs-feed.tsx'), statsFile],
      { env, encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 },
    );
    const pty = JSON.parse(out) as { exit_code: number | null; frame_times: number[] };
    if (pty.exit_code !== 0) throw new Error(`the logs bench exited with ${String(pty.exit_code)}`);
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { lines: number; start: number; end: number; seconds: number; kept: number; base: { rss: number; heapUsed: number }; peak: { rss: number; heapUsed: number } };
    const during = pty.frame_times.filter((t) => t >= stats.start && t <= stats.end + 300);
    const mb = (bytes: number) => bytes / 2 ** 20;
    return {
      lines: stats.lines,
      seconds: stats.seconds,
      linesPerSecond: stats.lines / stats.seconds,
      frames: during.length,
      framesPerSecondMax: maxPerSecond(during),
      framesPerSecondMean: during.length / Math.max(stats.seconds + 0.3, 1),
      rssGrowthMb: mb(stats.peak.rss - stats.base.rss),
      heapGrowthMb: mb(stats.peak.heapUsed - stats.base.heapUsed),
      kept: stats.kept,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
