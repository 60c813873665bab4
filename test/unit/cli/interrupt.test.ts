// Interruptions of a CLI operation (src/cli/interrupt.ts), in a real child process: a closed output
// stops it once, and the Ctrl-C that closed the pipe's reader is still a first signal (it undoes);
// only a second signal exits at once with 130.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./fixtures/interrupt-child.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start() {
  const dir = mkdtempSync(join(tmpdir(), 'hl-interrupt-'));
  dirs.push(dir);
  const note = join(dir, 'note');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, NOTE_FILE: note }, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const read = () => {
    try {
      return readFileSync(note, 'utf8');
    } catch {
      return '';
    }
  };
  const until = async (text: string) => {
    for (let end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (read().includes(text)) return;
    throw new Error(`never noted "${text}": ${read()}`);
  };
  return { child, exited, read, until };
}

describe('abortOnInterrupt', () => {
  it('a closed output, then the Ctrl-C: one abort, and the operation undoes (exit 0, not 130)', async () => {
    const run = start();
    await run.until('ready');
    run.child.stdout?.destroy();
    await run.until('aborted: interrupted (stdout closed)');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.read().match(/aborted/g)).toHaveLength(1);
  }, 20_000);

  it('two signals: the second exits at once with 130', async () => {
    const run = start();
    await run.until('ready');
    run.child.kill('SIGTERM');
    await run.until('aborted: interrupted (SIGTERM)');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
  }, 20_000);
});
