import type { Command, CommandRunner, RunResult, StreamLine } from '../../src/platform/runner/command-runner.js';

/** Wraps a runner and keeps the argv of every command run or streamed through it, in order. */
export class RecordingRunner implements CommandRunner {
  readonly calls: string[][] = [];

  constructor(private readonly inner: CommandRunner) {}

  get host(): string {
    return this.inner.host;
  }

  run(command: Command): Promise<RunResult> {
    this.calls.push([...command.argv]);
    return this.inner.run(command);
  }

  stream(command: Command): AsyncIterable<StreamLine> {
    this.calls.push([...command.argv]);
    return this.inner.stream(command);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
