// Runs inside a pseudo-terminal for bench/dashboard (figure 2): the real App, drawn with the app's Ink
// options on the alternate screen, opens the logs view of a deployment with four services whose
// stream delivers 200,000 lines as fast as it can. It writes its own figures to the file named by
// argv[2] (lines taken in per second, memory) and quits; the pty side counts the frames.
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { enterAlternateScreen } from '../src/cli/alternate-screen.js';
import { INK_OPTIONS } from '../src/cli/ink-options.js';
import type { LogLine } from '../src/providers/provider.js';
import { App } from '../src/screens/App.js';
import { createAppStore } from '../src/store/app-store.js';
import { fakeFleetDeps, readingOf, serviceOf } from '../test/support/fleet-doubles.js';
import { fakeAppDeps } from '../test/support/render-app.js';

const LINES = Number(process.env.BENCH_LOG_LINES ?? 200_000);
const SOURCES = ['web', 'worker', 'db', 'cache'];
const statsFile = process.argv[2];
if (!statsFile) throw new Error('usage: logs-feed.tsx STATS_FILE');

const wallClock = (): number => performance.timeOrigin + performance.now();
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fleet = fakeFleetDeps();
fleet.source.setHost('docker', { deployments: [readingOf('docker', 'app', { services: SOURCES.map((s) => serviceOf(s)) })] });
fleet.source.logLines = async function* (_ref, options): AsyncIterable<LogLine> {
  for (let i = 0; i < LINES; i++) {
    yield { source: SOURCES[i % SOURCES.length] as string, line: `2026-11-22T12:00:00.${String(i % 1000).padStart(3, '0')}Z INFO request id=${i} path=/api/items/${i % 977} status=200 duration=${i % 97}ms` };
  }
  // A followed stream stays open after its burst.
  await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
};
const store = createAppStore({ ...fakeAppDeps(), fleet, loadHosts: async () => [{ name: 'docker', kind: 'ssh', address: '10.0.0.2' }] });

const restore = enterAlternateScreen(process.stdout);
const instance = render(<App store={store} colour />, INK_OPTIONS);
while (!store.getState().fleet.docker) await settle(10);
await settle(300);

global.gc?.();
const base = process.memoryUsage();
let peak = { rss: base.rss, heapUsed: base.heapUsed };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, m.rss), heapUsed: Math.max(peak.heapUsed, m.heapUsed) };
}, 20);

const start = wallClock();
store.getState().openLogs({ host: 'docker', name: 'app' });
while ((store.getState().logs?.buffer.taken ?? 0) < LINES) await settle(5);
const end = wallClock();
// Let the last throttled frame be drawn inside the measured window's tail.
await settle(300);
clearInterval(sampler);
const after = process.memoryUsage();
const buffer = store.getState().logs?.buffer;
writeFileSync(
  statsFile,
  JSON.stringify({ lines: LINES, start, end, seconds: (end - start) / 1000, kept: buffer?.size ?? 0, base, peak, after }),
);
store.getState().quit();
await instance.waitUntilExit();
restore();
process.exit(0);
