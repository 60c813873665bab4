// The built CLI run against lab hosts through the lab's ssh config, for end-to-end tests of the
// deployment commands: HOME is the config dir (no personal ~/.ssh applies), no agent, no colour.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './run-cli.js';
import { loadLab } from './lab.js';

const BIN = fileURLToPath(new URL('../../bin/homelab-tui.js', import.meta.url));

function spawnCli(configDir: string, args: string[], env: Record<string, string>, piped = false): ChildProcess {
  return spawn(process.execPath, [BIN, '--config-dir', configDir, '--ssh-config', loadLab().ssh.config, ...args], {
    env: { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1', ...env },
    stdio: [piped ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
}

/** Runs the built CLI to its end (stdin closed, or `input` piped in: not a terminal either way). */
export function labCli(configDir: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawnCli(configDir, args, env, input !== undefined);
    if (input !== undefined) child.stdin?.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Starts the CLI and hands back the child, to stop it with a signal (logs --follow, a kill mid-operation); both outputs are read as they come. */
export function startLabCli(configDir: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; errors: () => string; exited: Promise<number | null> } {
  const child = spawnCli(configDir, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => stdout, errors: () => stderr, exited };
}
