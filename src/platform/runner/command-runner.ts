/** A command as data: never a shell string. */
export interface Command {
  argv: readonly string[];
  env?: Readonly<Record<string, string>>;
  /**
   * Bytes or text written to the command's standard input; when absent stdin is closed at once. With
   * `pipeTo` it comes first, then the source's bytes (a password line before a dump to load).
   */
  stdin?: string | Uint8Array;
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Needs root. When the login user is not root the runner runs it through `sudo -n` (never a password
   * prompt); without passwordless sudo it fails with a CommandError whose hint is the sudoers line.
   */
  elevated?: boolean;
}

/** What a finished command returned. `exitCode` is null when it was killed (timeout or abort). */
export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut?: boolean;
}

/** One line of a streamed command, tagged with where it came from. */
export interface StreamLine {
  source: 'stdout' | 'stderr';
  line: string;
}

/** Runs commands on one host. `run` never throws on a non-zero exit; `stream` stops on the signal. */
export interface CommandRunner {
  /** The host name this runner reaches (`local` for this machine). */
  readonly host: string;
  run(command: Command): Promise<RunResult>;
  stream(command: Command): AsyncIterable<StreamLine>;
  /** Releases connections; the runner may not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Byte streams through a command, for archives: its stdout written into a sink, or a source fed to
 * its stdin, with backpressure and never held whole in memory. `stdout` of the result is empty.
 */
export interface BytePipes {
  pipeFrom(command: Command, sink: NodeJS.WritableStream): Promise<RunResult>;
  pipeTo(command: Command, source: NodeJS.ReadableStream): Promise<RunResult>;
}

export function canPipeBytes(runner: CommandRunner): runner is CommandRunner & BytePipes {
  const pipes = runner as Partial<BytePipes>;
  return typeof pipes.pipeFrom === 'function' && typeof pipes.pipeTo === 'function';
}

/** The terminal an interactive command takes over while it runs (this process's own, normally). */
export interface TerminalIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Aborted (a signal to this process): the command is ended and this terminal's mode restored. */
  signal?: AbortSignal;
}

/**
 * Runs a command with a terminal on the host (a pty over SSH), wired to this terminal: keys go in raw,
 * output comes back as is, a window size change follows. Resolves with its exit code (null: killed or
 * the connection was lost).
 */
export interface Interactive {
  interactive(command: Command, io: TerminalIo): Promise<number | null>;
}

export function canRunInteractive(runner: CommandRunner): runner is CommandRunner & Interactive {
  return typeof (runner as Partial<Interactive>).interactive === 'function';
}
