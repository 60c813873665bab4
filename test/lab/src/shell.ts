// Running the lab's commands (ip, nsenter, docker …) from Node: argv arrays, never shell strings,
// with the command's stderr in the error when it fails.
import { execFileSync, spawnSync } from 'node:child_process';

export function run(cmd: string, args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; status?: number };
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${e.status ?? '?'}): ${(e.stderr || e.stdout || String(err)).trim()}`);
  }
}

/** Runs and reports success instead of throwing (for "delete if present" steps). */
export function attempt(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore', ...options }).status === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until check() is true or the time is up. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000, stepMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return;
    await sleep(stepMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
