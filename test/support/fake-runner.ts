import type { Command, CommandRunner, RunResult, StreamLine } from '../../src/platform/runner/command-runner.js';

/** One expected call: the exact argv, and what the fake answers. */
export interface Expectation {
  argv: readonly string[];
  /** When set, the call's stdin must equal this text. */
  stdin?: string;
  result?: Partial<RunResult>;
  /** Lines `stream()` yields for this call. */
  lines?: readonly StreamLine[];
  /** Lets the same expectation answer any number of calls (polling); the default is exactly once. */
  repeat?: boolean;
  /** Matches any call whose argv starts with `argv` (a script given its paths as arguments). */
  prefix?: boolean;
  /** Computes the answer from the call's argv (with `prefix`). */
  answer?: (argv: readonly string[]) => Partial<RunResult>;
}

/**
 * A CommandRunner for unit tests: it expects exact argv in any order, fails on anything unexpected,
 * and `verify()` fails when an expected call was never made.
 */
export class FakeRunner implements CommandRunner {
  readonly calls: Command[] = [];
  private readonly pending: Expectation[] = [];
  private readonly used = new Set<Expectation>();
  closed = false;

  constructor(readonly host = 'fake') {}

  expect(...expectations: Expectation[]): this {
    this.pending.push(...expectations);
    return this;
  }

  async run(command: Command): Promise<RunResult> {
    const match = this.take(command);
    return { exitCode: 0, stdout: '', stderr: '', ...match.result, ...match.answer?.(command.argv) };
  }

  async *stream(command: Command): AsyncIterable<StreamLine> {
    const match = this.take(command);
    for (const line of match.lines ?? []) {
      if (command.signal?.aborted) return;
      yield line;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Throws when an expectation that must be called was not. */
  verify(): void {
    const missing = this.pending.filter((e) => !e.repeat && !this.used.has(e));
    if (missing.length > 0) {
      throw new Error(`FakeRunner: expected calls never made:\n${missing.map((e) => `  ${e.argv.join(' ')}`).join('\n')}`);
    }
  }

  private take(command: Command): Expectation {
    this.calls.push(command);
    const index = this.pending.findIndex(
      (e) =>
        (e.repeat || !this.used.has(e)) &&
        (e.prefix ? sameArgv(e.argv, command.argv.slice(0, e.argv.length)) : sameArgv(e.argv, command.argv)) &&
        (e.stdin === undefined || e.stdin === textOf(command.stdin)),
    );
    const match = this.pending[index];
    if (!match) {
      throw new Error(`FakeRunner: unexpected call on ${this.host}: ${JSON.stringify(command.argv)}`);
    }
    this.used.add(match);
    return match;
  }
}

function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function textOf(stdin: Command['stdin']): string | undefined {
  if (stdin === undefined) return undefined;
  return typeof stdin === 'string' ? stdin : Buffer.from(stdin).toString('utf8');
}
