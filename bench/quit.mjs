#!/usr/bin/env node
// Quitting the app while hosts do not answer: from the key press (q, Ctrl-C) to the process's end, in a
// real terminal (tmux), with two hosts at lab addresses nobody has (SSH connects in flight, packets go
// nowhere). Needs the lab up (LAB_PREFIX/LAB_NET, or LAB_MANIFEST) and tmux; BENCH_RUNS runs per key.
// The same addresses as test/support/quit-timing.ts (test/e2e/faults/quit-with-hosts-away.test.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET_MS = 500;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'homelab-tui.js');
const runs = Number(process.env.BENCH_RUNS ?? 7);

function manifest() {
  const path = process.env.LAB_MANIFEST ?? join(process.env.LAB_STATE_DIR ?? join(root, 'test', 'lab', '.state', process.env.LAB_PREFIX ?? 'hl'), 'manifest.json');
  if (!existsSync(path)) {
    process.stderr.write(`bench:quit needs the lab: no ${path} (run npm run lab:up, with the same LAB_PREFIX/LAB_NET)\n`);
    process.exit(2);
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

const lab = manifest();
const bare = lab.hosts.find((h) => h.name === 'bare');
const away = [bare.address.replace(/\.\d+$/, '.250'), lab.pve.guestSubnet.replace(/\.\d+\/\d+$/, '.250')];
const dir = mkdtempSync(join(tmpdir(), 'hl-bench-quit-'));
writeFileSync(join(dir, 'hosts.yaml'), `hosts:\n  - name: away\n    address: ${away[0]}\n  - name: gone\n    address: ${away[1]}\n`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quote = (word) => `'${word.replace(/'/g, `'\\''`)}'`;

async function once(key, run) {
  const socket = join(dir, `tmux-${run}.sock`);
  const tmux = (...args) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const exited = join(dir, `exited-${key}-${run}`);
  tmux('new-session', '-d', '-s', 'q', '-x', '100', '-y', '30', 'env', '-u', 'CI', 'PS1=$ ', 'TERM=xterm-256color', 'HISTFILE=/dev/null', `HOME=${dir}`, 'SSH_AUTH_SOCK=', 'bash', '--norc', '--noprofile');
  try {
    tmux('send-keys', '-t', 'q', '-l', `${[process.execPath, bin, '--config-dir', dir].map(quote).join(' ')}; date +%s%3N > ${quote(exited)}`);
    tmux('send-keys', '-t', 'q', 'Enter');
    for (let i = 0; i < 200 && !/gone \S+ · … connecting/.test(tmux('capture-pane', '-p', '-t', 'q')); i++) await sleep(50);
    // Let the connects be well in flight, as a user would look at the screen first.
    await sleep(1000);
    const pressed = Date.now();
    tmux('send-keys', '-t', 'q', key);
    for (let i = 0; i < 1000 && !existsSync(exited); i++) await sleep(10);
    await sleep(20);
    return Number(readFileSync(exited, 'utf8').trim()) - pressed;
  } finally {
    execFileSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
    rmSync(socket, { force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`quit with 2 hosts away (${away.join(', ')}), ${runs} runs per key, key press to process end:`);
  for (const [key, label] of [['q', 'q     '], ['C-c', 'Ctrl-C']]) {
    const times = [];
    for (let run = 0; run < runs; run++) times.push(await once(key, run));
    const worst = Math.max(...times);
    console.log(`${label}  median ${median(times)} ms  worst ${worst} ms   (target ≤ ${TARGET_MS} ms)  ${worst <= TARGET_MS ? 'met' : 'NOT met'}   [${times.join(', ')}]`);
  }
} finally {
  // An app still ending may write its log as the folder goes: try again briefly.
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
