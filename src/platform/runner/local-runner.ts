import { execa, type ResultPromise } from 'execa';
import { CommandError, tailOf } from '../errors.js';
import type { BytePipes, Command, CommandRunner, Interactive, RunResult, StreamLine, TerminalIo } from './command-runner.js';
import { elevatedArgv, elevationFailure } from './elevation.js';
import { LineQueue } from './line-queue.js';
import { withStdinPrefix } from './stdin-prefix.js';
import { userInfo } from 'node:os';

/** Runs commands on this machine (the built-in host `local`) through execa, never through a shell. */
export class LocalRunner implements CommandRunner, BytePipes, Interactive {
  readonly host = 'local';

  /** Runs the command on this terminal itself (this machine has one already: no pty to make). */
  async interactive(given: Command, io: TerminalIo): Promise<number | null> {
    const [file, ...args] = argvOf(elevate(given));
    // The child shares this terminal (its own mode is its own); an abort ends it.
    const result = await execa(file, args, { stdio: 'inherit', reject: false, ...(io.signal ? { cancelSignal: io.signal } : {}) });
    return result.exitCode ?? null;
  }

  async run(given: Command): Promise<RunResult> {
    const command = elevate(given);
    const [file, ...args] = argvOf(command);
    const result = await execa(file, args, {
      ...baseOptions(command),
      reject: false,
      stripFinalNewline: false,
    });
    if (result.failed && result.exitCode === undefined && !result.isTerminated && !result.timedOut) {
      // The program could not be started at all (ENOENT, EACCES): report it the way a shell would.
      return { exitCode: 127, stdout: '', stderr: result.shortMessage ?? 'could not start' };
    }
    const output: RunResult = {
      exitCode: result.exitCode ?? null,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      ...(result.timedOut ? { timedOut: true } : {}),
    };
    const refused = given.elevated && command !== given ? elevationFailure(given, output, 'local', userInfo().username) : undefined;
    if (refused) throw refused;
    return output;
  }

  async *stream(given: Command): AsyncIterable<StreamLine> {
    const command = elevate(given);
    const [file, ...args] = argvOf(command);
    const queue = new LineQueue();
    const child: ResultPromise = execa(file, args, { ...baseOptions(command), reject: false, buffer: false });
    if (child.stdout) queue.attach(child.stdout, 'stdout');
    if (child.stderr) queue.attach(child.stderr, 'stderr');
    let stderrTail = '';
    void child.then((result) => {
      const aborted = command.signal?.aborted === true;
      if (result.exitCode === 0 || aborted) queue.finish();
      else
        queue.finish(
          new CommandError(command.argv, result.exitCode ?? null, 'local', stderrTail || (result.shortMessage ?? '')),
        );
    });
    try {
      for await (const line of queue) {
        if (line.source === 'stderr') stderrTail = tailOf(`${stderrTail}\n${line.line}`);
        yield line;
      }
    } finally {
      // The reader stopped early (break or abort): do not leave the process behind.
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  }

  async pipeFrom(command: Command, sink: NodeJS.WritableStream): Promise<RunResult> {
    return this.pipe(command, undefined, sink);
  }

  async pipeTo(command: Command, source: NodeJS.ReadableStream): Promise<RunResult> {
    return this.pipe(command, source, undefined);
  }

  private async pipe(given: Command, source: NodeJS.ReadableStream | undefined, sink: NodeJS.WritableStream | undefined): Promise<RunResult> {
    const command = elevate(given);
    const [file, ...args] = argvOf(command);
    const { input: _input, ...options } = { ...baseOptions(command), input: undefined };
    const input = source ? withStdinPrefix(command.stdin, source) : undefined;
    const stdin = input ? { stdin: 'pipe' as const } : command.stdin !== undefined ? { input: command.stdin } : { stdin: 'ignore' as const };
    const child = execa(file, args, { ...options, ...stdin, reject: false, buffer: { stdout: false, stderr: true }, encoding: 'buffer' });
    if (input && child.stdin) input.pipe(child.stdin);
    const drained = sink && child.stdout ? new Promise<void>((resolve, reject) => {
      child.stdout?.pipe(sink, { end: false });
      child.stdout?.once('end', resolve);
      child.stdout?.once('error', reject);
    }) : (child.stdout?.resume(), Promise.resolve());
    const result = await child;
    await drained.catch(() => undefined);
    return { exitCode: result.exitCode ?? null, stdout: '', stderr: Buffer.from(result.stderr ?? '').toString('utf8'), ...(result.timedOut ? { timedOut: true } : {}) };
  }

  async close(): Promise<void> {}
}

/** An elevated command from a non-root user goes through `sudo -n` (see elevation.ts). */
function elevate(command: Command): Command {
  if (!command.elevated || process.getuid?.() === 0) return command;
  return { ...command, env: undefined, argv: elevatedArgv(command) };
}

function argvOf(command: Command): [string, ...string[]] {
  const [file, ...args] = command.argv;
  if (file === undefined) throw new CommandError([], null, 'local', 'empty argv');
  return [file, ...args];
}

function baseOptions(command: Command) {
  return {
    env: command.env ? { ...command.env } : undefined,
    extendEnv: true,
    cwd: command.cwd,
    timeout: command.timeoutMs,
    cancelSignal: command.signal,
    encoding: 'utf8' as const,
    ...(command.stdin === undefined ? { stdin: 'ignore' as const } : { input: command.stdin }),
  };
}
