import { BugError, CommandError, tailOf } from '../errors.js';
import { Readable } from 'node:stream';
import type { BytePipes, Command, CommandRunner, Interactive, RunResult, StreamLine, TerminalIo } from '../runner/command-runner.js';
import { elevatedArgv, elevationFailure } from '../runner/elevation.js';
import { LineQueue } from '../runner/line-queue.js';
import { buildShellLine } from '../runner/shell-quote.js';
import { withStdinPrefix } from '../runner/stdin-prefix.js';
import type { HostConnection } from './host-connection.js';
import { NotStarted, startRemoteCommand, type RemoteOutcome, type RemoteProcess } from './remote-process.js';
import { runInRemoteTerminal } from './remote-terminal.js';

/** Defaults for commands that do not set their own. */
export interface SshRunnerOptions {
  /** For `run()` without `timeoutMs`. `stream()` has no default: a followed log may run for hours. */
  defaultTimeoutMs: number;
}

const LOST_HINT = 'check the network path to the host; the next command reconnects by itself';

/**
 * Runs commands on one SSH host over its shared connection (see HostConnection). Same contract as
 * LocalRunner: `run()` resolves on any exit code, `stream()` throws a CommandError on a non-zero exit.
 * A connection lost mid-command is a CommandError with exit code null, never a hang.
 */
export class SshRunner implements CommandRunner, BytePipes, Interactive {
  private closed = false;

  constructor(
    readonly host: string,
    private readonly connection: HostConnection,
    private readonly options: SshRunnerOptions,
  ) {}

  async run(command: Command): Promise<RunResult> {
    const timeoutMs = command.timeoutMs ?? this.options.defaultTimeoutMs;
    const started = await this.start(command, timeoutMs);
    if (started instanceof NotStarted) return { exitCode: null, stdout: '', stderr: '', ...(started.outcome.kind === 'timeout' ? { timedOut: true } : {}) };
    // Listeners attach before any I/O callback can run: startRemoteCommand returned in this same turn.
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    started.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    started.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const outcome = await started.outcome;
    if (outcome.kind === 'lost') throw this.lostError(command, outcome.reason);
    // Decoded once at the end, so a multi-byte character split across packets stays whole.
    const result: RunResult = {
      exitCode: outcome.kind === 'exit' ? outcome.code : null,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      ...(outcome.kind === 'timeout' ? { timedOut: true } : {}),
    };
    const refused = this.elevates(command) ? elevationFailure(command, result, this.host, this.connection.target.user) : undefined;
    if (refused) throw refused;
    return result;
  }

  async *stream(command: Command): AsyncIterable<StreamLine> {
    const started = await this.start(command, command.timeoutMs);
    if (started instanceof NotStarted) {
      if (started.outcome.kind === 'timeout') throw this.timeoutError(command);
      return;
    }
    const queue = new LineQueue();
    queue.attach(started.stdout, 'stdout');
    queue.attach(started.stderr, 'stderr');
    // attach() set the encoding, so chunks are text; keep a tail for the error message.
    let stderrText = '';
    started.stderr.on('data', (chunk: string) => {
      stderrText = (stderrText + chunk).slice(-4096);
    });
    void started.outcome.then((outcome) => this.endQueue(queue, command, outcome, () => stderrText));
    let done = false;
    try {
      for await (const line of queue) yield line;
      done = true;
    } finally {
      // The reader stopped early (break, return, abort): end the remote process, not just our side.
      if (!done) started.stop();
    }
  }

  async pipeFrom(command: Command, sink: NodeJS.WritableStream): Promise<RunResult> {
    return this.pipe(command, undefined, sink);
  }

  async pipeTo(command: Command, source: NodeJS.ReadableStream): Promise<RunResult> {
    return this.pipe(command, source, undefined);
  }

  /** Runs a command with a byte stream on stdin or stdout; stderr is kept (its tail) for the message. */
  private async pipe(command: Command, source: NodeJS.ReadableStream | undefined, sink: NodeJS.WritableStream | undefined): Promise<RunResult> {
    const input = source ? withStdinPrefix(command.stdin, source) : undefined;
    const started = await this.start(command, command.timeoutMs, input);
    if (started instanceof NotStarted) return { exitCode: null, stdout: '', stderr: '', ...(started.outcome.kind === 'timeout' ? { timedOut: true } : {}) };
    let stderr = '';
    started.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });
    const drained = sink
      ? new Promise<void>((resolve, reject) => {
          started.stdout.pipe(sink, { end: false });
          started.stdout.once('end', resolve);
          started.stdout.once('error', reject);
        })
      : (started.stdout.resume(), Promise.resolve());
    const outcome = await started.outcome;
    if (outcome.kind === 'lost') throw this.lostError(command, outcome.reason);
    await drained.catch(() => undefined);
    return { exitCode: outcome.kind === 'exit' ? outcome.code : null, stdout: '', stderr, ...(outcome.kind === 'timeout' ? { timedOut: true } : {}) };
  }

  /** Runs the command with a pty on the host, wired to this terminal (see runInRemoteTerminal). */
  async interactive(command: Command, io: TerminalIo): Promise<number | null> {
    if (this.closed) throw new BugError(`runner for ${this.host} used after close()`);
    const elevate = this.elevates(command);
    return runInRemoteTerminal(this.connection, buildShellLine({ argv: elevate ? elevatedArgv(command) : command.argv }), io);
  }

  /** Marks this handle unusable; the shared connection stays open until the pool closes. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private async start(command: Command, timeoutMs: number | undefined, input?: Readable): Promise<RemoteProcess | NotStarted> {
    if (this.closed) throw new BugError(`runner for ${this.host} used after close()`);
    const elevate = this.elevates(command);
    const line = buildShellLine({
      argv: elevate ? elevatedArgv(command) : command.argv,
      ...(command.env && !elevate ? { env: command.env } : {}),
      ...(command.cwd !== undefined ? { cwd: command.cwd } : {}),
    });
    try {
      return await startRemoteCommand(this.connection, line, {
        ...(input ? { stdin: input } : command.stdin !== undefined ? { stdin: command.stdin } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(command.signal ? { signal: command.signal } : {}),
      });
    } catch (error) {
      if (error instanceof NotStarted) return error;
      throw error;
    }
  }

  private endQueue(queue: LineQueue, command: Command, outcome: RemoteOutcome, stderr: () => string): void {
    if (outcome.kind === 'aborted') return queue.stop();
    if (outcome.kind === 'timeout') return queue.stop(this.timeoutError(command));
    if (outcome.kind === 'lost') return queue.stop(this.lostError(command, outcome.reason));
    if (outcome.code === 0) return queue.finish();
    const result: RunResult = { exitCode: outcome.code, stdout: '', stderr: stderr() };
    const refused = this.elevates(command) ? elevationFailure(command, result, this.host, this.connection.target.user) : undefined;
    queue.finish(refused ?? new CommandError(command.argv, outcome.code, this.host, tailOf(stderr())));
  }

  private elevates(command: Command): boolean {
    return command.elevated === true && this.connection.target.user !== 'root';
  }

  private lostError(command: Command, reason: string): CommandError {
    return new CommandError(command.argv, null, this.host, `connection lost: ${reason}`, LOST_HINT);
  }

  private timeoutError(command: Command): CommandError {
    return new CommandError(command.argv, null, this.host, `timed out after ${(command.timeoutMs ?? 0) / 1000}s`, 'the host may be overloaded; raise the timeout or check the command');
  }
}
