import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../../src/platform/errors.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';

const runner = new LocalRunner();

async function collect(iterable: AsyncIterable<{ source: string; line: string }>) {
  const lines: { source: string; line: string }[] = [];
  for await (const line of iterable) lines.push(line);
  return lines;
}

describe('LocalRunner.run', () => {
  it('returns exit code, stdout and stderr without throwing on failure', async () => {
    const result = await runner.run({ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('passes argv without a shell: metacharacters stay literal', async () => {
    const hostile = '$(touch /tmp/never) `id` ; rm -rf / *';
    const result = await runner.run({ argv: ['printf', '%s', hostile] });
    expect(result.stdout).toBe(hostile);
  });

  it('writes stdin when given and closes it otherwise (cat does not hang)', async () => {
    expect((await runner.run({ argv: ['cat'], stdin: 'piped text' })).stdout).toBe('piped text');
    expect((await runner.run({ argv: ['cat'], timeoutMs: 5000 })).exitCode).toBe(0);
  });

  it('reports a missing program as exit 127', async () => {
    const result = await runner.run({ argv: ['homelab-tui-no-such-program'] });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain('ENOENT');
  });

  it('kills a command at its timeout', async () => {
    const result = await runner.run({ argv: ['sleep', '10'], timeoutMs: 100 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true });
  });

  it('passes env and cwd', async () => {
    const result = await runner.run({ argv: ['sh', '-c', 'echo "$HL_TEST_VAR $(pwd)"'], env: { HL_TEST_VAR: 'v1' }, cwd: '/tmp' });
    expect(result.stdout).toBe('v1 /tmp\n');
  });
});

describe('LocalRunner.stream', () => {
  it('yields stdout and stderr lines tagged by source, including a final partial line', async () => {
    const lines = await collect(runner.stream({ argv: ['sh', '-c', 'echo a; echo b >&2; printf c'] }));
    expect(lines.filter((l) => l.source === 'stdout').map((l) => l.line)).toEqual(['a', 'c']);
    expect(lines.filter((l) => l.source === 'stderr').map((l) => l.line)).toEqual(['b']);
  });

  it('throws a CommandError with the stderr tail after the lines of a failed command', async () => {
    const seen: string[] = [];
    const failing = (async () => {
      for await (const l of runner.stream({ argv: ['sh', '-c', 'echo one; echo boom >&2; exit 4'] })) seen.push(l.line);
    })();
    await expect(failing).rejects.toBeInstanceOf(CommandError);
    await expect(failing).rejects.toMatchObject({ exitCode: 4, stderrTail: 'boom' });
    expect(seen).toContain('one');
  });

  it('stops on abort and ends the process', async () => {
    const controller = new AbortController();
    const pidFile = `/tmp/hl-stream-${process.pid}-${Date.now()}`;
    let count = 0;
    for await (const _line of runner.stream({
      argv: ['sh', '-c', `echo $$ > ${pidFile}; while true; do echo tick; sleep 0.05; done`],
      signal: controller.signal,
    })) {
      count++;
      if (count === 3) controller.abort();
    }
    expect(count).toBeGreaterThanOrEqual(3);
    const { readFileSync } = await import('node:fs');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('ends the process when the reader breaks out early', async () => {
    const pidFile = `/tmp/hl-stream-break-${process.pid}-${Date.now()}`;
    for await (const _line of runner.stream({ argv: ['sh', '-c', `echo $$ > ${pidFile}; while true; do echo tick; sleep 0.05; done`] })) {
      break;
    }
    const { readFileSync } = await import('node:fs');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
