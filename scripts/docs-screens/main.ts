// npm run docs:screens [-- --out DIR]: the README's pictures, taken from the real app. Needs the lab
// (LAB_PREFIX/LAB_NET as for lab:up) and the build (npm run build). It installs the lab app three
// times with the built CLI (two healthy, one turned into its bad build, unhealthy), opens the built
// app in tmux, and writes what the terminal shows, with its colours, as SVG: the dashboard, the
// details of the unhealthy deployment, the logs view, the install wizard's review step. Everything it installed is removed at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labHost, loadLab, sshRun } from '../../test/support/lab.js';
import { TmuxSession } from '../../test/support/tmux.js';
import { screenToSvg } from './ansi-svg.js';

const BIN = fileURLToPath(new URL('../../bin/homelab-tui.js', import.meta.url));
const SIZE = { columns: 110, rows: 28 };
const DEPLOYMENTS = [
  { name: 'wiki', host: 'podman', port: 18221 },
  { name: 'photos', host: 'docker', port: 18222 },
  { name: 'tasks', host: 'docker', port: 18223, bad: true },
] as const;

const lab = loadLab();
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex > 0 ? (process.argv[outIndex + 1] ?? '') : fileURLToPath(new URL('../../docs/screens', import.meta.url)));
const configDir = mkdtempSync(join(tmpdir(), 'hl-docs-screens-'));
// Test apps are offered in the wizard (the lab app is the one these hosts can run without a registry).
const env = { HOME: configDir, SSH_AUTH_SOCK: '', HOMELAB_TUI_TEST_APPS: '1' };

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function must(args: string[]): Promise<void> {
  const run = await cli(args);
  if (run.code !== 0) throw new Error(`homelab-tui ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
}

async function onHost(host: string, line: string): Promise<void> {
  const run = await sshRun(host, line, { timeoutMs: 60_000 });
  if (run.exitCode !== 0) throw new Error(`${host}: ${line}\n${run.stderr}`);
}

/**
 * Selects the row of `name`: from the first row down, again from the top if the list changed under it.
 * Other tests of the lane run their own apps on the same lab hosts, so the dashboard also lists those as
 * unmanaged rows that come and go while this moves: a fixed count of presses is not enough.
 */
async function selectRow(term: TmuxSession, name: string): Promise<void> {
  const selected = (screen: string) => screen.split('\n').find((l) => l.includes('▸')) ?? '';
  const deadline = Date.now() + 60_000;
  let screen = await term.screen();
  while (Date.now() < deadline) {
    if (new RegExp(`▸ ${name}\\b`).test(screen)) return;
    const before = selected(screen);
    await term.press('j');
    const moved = Date.now() + 3_000;
    while ((screen = await term.screen()) && selected(screen) === before && Date.now() < moved) await new Promise((r) => setTimeout(r, 50));
    // At the last row the selection no longer moves: start again from the first.
    if (selected(screen) === before) {
      await term.press('g');
      await new Promise((r) => setTimeout(r, 200));
      screen = await term.screen();
    }
  }
  throw new Error(`could not select ${name} within 60 s; the screen:\n${screen}`);
}

/** Moves a list's cursor (▸) down until the line with `label` has it. */
async function choose(term: TmuxSession, label: string): Promise<void> {
  const cursor = (screen: string) => screen.split('\n').find((l) => l.includes('▸ ')) ?? '';
  for (let i = 0; i < 20; i++) {
    const screen = await term.screen();
    if (cursor(screen).includes(`▸ ${label}`)) return;
    const before = cursor(screen);
    await term.press('Down');
    const deadline = Date.now() + 3_000;
    while (cursor(await term.screen()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`could not select ${label}:\n${await term.screen()}`);
}

async function press(term: TmuxSession, key: string, then: RegExp | string, timeoutMs?: number): Promise<void> {
  await term.press(key);
  await term.waitFor(then, timeoutMs);
}

async function shoot(term: TmuxSession, file: string): Promise<void> {
  writeFileSync(join(outDir, file), `${screenToSvg(await term.screenWithStyles())}\n`);
  console.log(`docs:screens: wrote ${join(outDir, file)}`);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(configDir, 'settings.yaml'), 'refreshSeconds: 2\n');
  for (const host of ['docker', 'podman']) await must(['hosts', 'add', host, '--address', labHost(host, lab).alias]);
  await Promise.all(DEPLOYMENTS.map((d) => must(['install', 'labapp', '--host', d.host, '--provider', 'compose', '--name', d.name, '--set', `port=${d.port}`, '--set', `data_dir=/srv/${d.name}/data`, '--yes'])));
  // The app goes bad after its install (its database is gone, say): the same project on the bad build.
  for (const d of DEPLOYMENTS.filter((x) => 'bad' in x)) {
    await onHost(d.host, `cd /opt/homelab-tui/${d.name} && sed -i 's#local/labapp:1#local/labapp:bad#' compose.yaml && docker-compose -p ${d.name} -f compose.yaml up -d 2>&1`);
  }
  const term = await TmuxSession.start({ ...SIZE, env });
  try {
    await term.type(TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config]));
    await term.press('Enter');
    await term.waitFor(/photos +1\/1 up +✓ healthy[\s\S]*tasks +1\/1 up +✗ unhealthy[\s\S]*wiki +1\/1 up +✓ healthy/, 60_000);
    await selectRow(term, 'tasks');
    await term.waitFor('why: tasks: ');
    await shoot(term, 'dashboard.svg');
    await term.press('Enter');
    await term.waitFor(/Last log lines[\s\S]*labapp bad starting/, 30_000);
    await shoot(term, 'details.svg');
    await term.press('Escape');
    await term.waitFor('enter details');
    await selectRow(term, 'wiki');
    await term.press('l');
    await term.waitFor(/labapp +│ labapp 1 starting/, 30_000);
    await term.waitFor('● following');
    await shoot(term, 'logs.svg');
    // The wizard up to its review step (nothing is installed: the session ends there).
    await press(term, 'Escape', 'enter details');
    await press(term, 'i', 'Step 1/7 · Choose an app');
    await choose(term, 'Lab app');
    await press(term, 'Enter', 'Step 2/7 · Choose a host');
    await choose(term, 'docker');
    await press(term, 'Enter', 'Step 3/7 · Choose how to run it', 30_000);
    await press(term, 'Enter', /Step 4\/7 · Settings[\s\S]*▸ Deployment name/);
    await press(term, 'Enter', /▸ Host port/);
    await press(term, 'Enter', /▸ Data directory/);
    await press(term, 'Enter', /▸ \[ Continue to preflight \]/);
    await press(term, 'Enter', /Step 5\/7[\s\S]*(All checks passed|Enter accepts (it|them))/, 60_000);
    await press(term, 'Enter', 'Step 6/7 · Review the plan');
    await shoot(term, 'wizard-review.svg');
  } finally {
    await term.stop();
  }
}

try {
  await main();
} finally {
  await Promise.all(DEPLOYMENTS.map((d) => cli(['uninstall', d.name, '--host', d.host, '--purge', '--yes'])));
  rmSync(configDir, { recursive: true, force: true });
}
