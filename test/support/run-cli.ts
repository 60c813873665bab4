import { execa } from 'execa';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'homelab-tui.js');

/** Runs the built CLI as a user would (no TTY), returning exit code and both outputs. */
export async function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const result = await execa(process.execPath, [bin, ...args], {
    reject: false,
    env: { NO_COLOR: '1', ...options.env },
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    timeout: 30_000,
    stripFinalNewline: false,
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A fresh, empty config directory for one test. */
export async function tempConfigDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hl-cli-'));
}
