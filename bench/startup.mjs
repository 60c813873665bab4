// Start-up benchmark: medians over several runs, and ratios to a bare `node -e 0` measured in the
// same run (machines differ; the ratio is what the targets are stated in).
//   homelab-tui --version   target ≤ 1.5× bare node
//   first full frame (pty)  target ≤ 3×   bare node
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.env.BENCH_RUNS ?? 15);
const bin = join(root, 'bin', 'homelab-tui.js');
const configDir = mkdtempSync(join(tmpdir(), 'hl-bench-'));
// An (empty) inventory: not a first run, so the app opens on the dashboard, whose footer is timed.
writeFileSync(join(configDir, 'hosts.yaml'), 'hosts: []\n');

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeSpawn(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Ink renders only the last frame when it believes it runs in CI (any CI variable, even empty).
const appEnv = { ...process.env, TERM: 'xterm-256color' };
delete appEnv.CI;

/** Time until the app's footer (the last thing in a full frame) appears in a real 80×24 pty. */
function timeFirstFrame() {
  const out = execFileSync('python3', [
    join(root, 'bench', 'pty_run.py'), '--cols', '80', '--rows', '24', '--until', 'quit', '--keys', 'q', '--',
    process.execPath, bin, '--config-dir', configDir,
  ], { env: appEnv, encoding: 'utf8' });
  const { first_match_ms: ms } = JSON.parse(out);
  if (ms === null) throw new Error('the app never drew its first frame');
  return ms;
}

/** Bare node through the same pty harness, until it exits: how much of the frame time is the harness's. */
function timeNodeInPty() {
  const out = execFileSync('python3', [join(root, 'bench', 'pty_run.py'), '--cols', '80', '--rows', '24', '--', process.execPath, '-e', '0'], { env: appEnv, encoding: 'utf8' });
  const { exit_ms: ms } = JSON.parse(out);
  if (ms === null) throw new Error('node -e 0 did not exit in the pty');
  return ms;
}

const interleaved = { node: [], version: [], frame: [], ptyNode: [] };
timeSpawn([process.execPath, '-e', '0']);
for (let i = 0; i < runs; i++) {
  interleaved.node.push(timeSpawn([process.execPath, '-e', '0']));
  interleaved.version.push(timeSpawn([process.execPath, bin, '--version']));
  interleaved.frame.push(timeFirstFrame());
  interleaved.ptyNode.push(timeNodeInPty());
}
const node = median(interleaved.node);
const version = median(interleaved.version);
const frame = median(interleaved.frame);
const row = (name, ms, target) =>
  `${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / node).toFixed(2)}× node   (target ≤ ${target}×)`;
console.log(`bench/startup: medians of ${runs} runs on node ${process.version}`);
console.log(row('node -e 0', node, 1));
console.log(row('homelab-tui --version', version, 1.5));
console.log(row('first frame (80×24 pty)', frame, 3));
// For scale, not the target: the frame is timed through a Python pty harness, bare node is not.
const ptyNode = median(interleaved.ptyNode);
console.log(`  (for scale: node -e 0 through the same pty harness takes ${ptyNode.toFixed(1)} ms; the first frame is ${(frame / ptyNode).toFixed(2)}× that)`);
