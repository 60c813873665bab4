import type { Command, CommandRunner, RunResult, StreamLine } from '../../src/platform/runner/command-runner.js';

/**
 * Wraps a runner and, once, before the first command that matches, runs a fault (for example
 * breaking something inside a container), so a real failure happens at a chosen point of a plan.
 */
export class FaultRunner implements CommandRunner {
  private fault: { matches: (argv: readonly string[]) => boolean; inject: () => Promise<void> } | undefined;

  constructor(private readonly inner: CommandRunner) {}

  get host(): string {
    return this.inner.host;
  }

  /** Arms the fault; it fires at most once. */
  before(matches: (argv: readonly string[]) => boolean, inject: () => Promise<void>): this {
    this.fault = { matches, inject };
    return this;
  }

  private async maybeInject(command: Command): Promise<void> {
    const fault = this.fault;
    if (!fault?.matches(command.argv)) return;
    this.fault = undefined;
    await fault.inject();
  }

  async run(command: Command): Promise<RunResult> {
    await this.maybeInject(command);
    return this.inner.run(command);
  }

  async *stream(command: Command): AsyncIterable<StreamLine> {
    await this.maybeInject(command);
    yield* this.inner.stream(command);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
