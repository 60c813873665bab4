import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/homelab-tui.js', import.meta.url));

/** What one run of the built CLI printed and returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh config directory, as a first-time user has. */
export function freshConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'hl-cli-'));
}

/** Runs the built CLI with `--config-dir`, stdin closed (not a TTY), colour off. */
export function runCli(configDir: string, args: string[], env: Record<string, string> = {}, asUser?: number): CliRun {
  const argv = [process.execPath, BIN, '--config-dir', configDir, ...args];
  // As another user (root running the tests can read anything, so a permission test drops to one).
  const [cmd, ...rest] = asUser === undefined ? argv : ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', ...argv];
  const result = spawnSync(cmd!, rest, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
