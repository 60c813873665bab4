// Shared helpers for the dashboard's end-to-end tests: the built CLI and the full-screen app (in tmux)
// against this lab's hosts through the lab's ssh config, with a fresh config dir per test file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { labHost, loadLab } from '../../support/lab.js';
import { TmuxSession } from '../../support/tmux.js';

export const lab = loadLab();
const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));

/** What one CLI run printed and returned. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fast refreshes and short timeouts, so faults show within seconds. */
export const FAST_SETTINGS = 'refreshSeconds: 2\nconnectTimeoutSeconds: 3\nkeepaliveSeconds: 2\ncommandTimeoutSeconds: 20\n';

/** The environment every run gets: HOME is the config dir (no personal ~/.ssh), no agent, no colour. */
function envFor(configDir: string): Record<string, string> {
  return { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' };
}

/** Runs the built CLI to its end (stdin closed: not a terminal). */
export function cli(configDir: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', lab.ssh.config, ...args], {
      env: { ...process.env, ...envFor(configDir) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A config dir whose inventory holds these lab hosts by their ssh aliases, removed after the file. */
export async function labConfigDir(hosts: readonly string[], settings = FAST_SETTINGS): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hl-dashboard-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'settings.yaml'), settings);
  for (const name of hosts) {
    const added = await cli(dir, ['hosts', 'add', name, '--address', labHost(name, lab).alias]);
    expect(added.code, added.stderr).toBe(0);
  }
  return dir;
}

/** The full-screen app in a real terminal (tmux) on the config dir; stop the session afterwards. */
export async function startApp(configDir: string, size = { columns: 100, rows: 30 }, env: Record<string, string> = {}): Promise<TmuxSession> {
  const session = await TmuxSession.start({ ...size, env: { ...envFor(configDir), ...env } });
  await session.type(TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config]));
  await session.press('Enter');
  await session.waitFor('homelab-tui · dashboard');
  return session;
}

/**
 * Where the selection is: its line on screen and the row's name. Not the whole line: a refresh changes
 * a row's uptime or CPU under the selection, which is not a move (taking it for one sent a second key
 * and went past the row).
 */
function selection(lines: readonly string[]): string {
  const index = lines.findIndex((line) => line.includes('▸'));
  return index < 0 ? '' : `${index}:${lines[index]!.split('▸')[1]!.trim().split(/\s+/)[0]}`;
}

/** Moves the selection (down, or up when it is past it) until the deployment row `name` is selected, waiting for each move to show. */
export async function selectRow(session: TmuxSession, name: string): Promise<void> {
  const selected = new RegExp(`▸ ${name}\\b`);
  const row = new RegExp(`^ {3}${name}\\b`);
  for (let i = 0; i < 40; i++) {
    const lines = (await session.screen()).split('\n');
    if (lines.some((line) => selected.test(line))) return;
    const before = selection(lines);
    const target = lines.findIndex((line) => row.test(line));
    const at = Number(before.split(':')[0]);
    await session.press(target >= 0 && before !== '' && target < at ? 'k' : 'j');
    const deadline = Date.now() + 5_000;
    while (selection((await session.screen()).split('\n')) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never selected ${name}; last screen:\n${await session.screen()}`);
}
