// A CommandRunner for lab hosts through the OpenSSH client (the lab's ssh_config, strict host keys),
// for the end-to-end tests of providers until they run over the app's own SSH transport.
import { CommandError } from '../../src/services/errors.js';
import { LocalRunner } from '../../src/services/runner/local-runner.js';
import type { Command, CommandRunner, RunResult, StreamLine } from '../../src/services/runner/command-runner.js';
import { quoteShellWords } from '../../src/services/runner/shell-quote.js';
import { sshArgs, type LabManifest } from './lab.js';

/** Runs each command as one quoted line on the lab host; stdin, timeouts and abort as LocalRunner has them. */
export class OpenSshRunner implements CommandRunner {
  private readonly local = new LocalRunner();

  constructor(
    readonly host: string,
    private readonly lab?: LabManifest,
  ) {}

  private wrap(command: Command): Command {
    const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const line = quoteShellWords(env.length > 0 ? ['env', ...env, ...command.argv] : command.argv);
    return {
      argv: ['ssh', ...sshArgs(this.host, this.lab ? { lab: this.lab } : {}), line],
      ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
      ...(command.timeoutMs !== undefined ? { timeoutMs: command.timeoutMs } : {}),
      ...(command.signal ? { signal: command.signal } : {}),
    };
  }

  run(command: Command): Promise<RunResult> {
    return this.local.run(this.wrap(command));
  }

  /** Like SshRunner: a failure names the remote command and host, not the ssh client that carried it. */
  async *stream(command: Command): AsyncIterable<StreamLine> {
    try {
      yield* this.local.stream(this.wrap(command));
    } catch (error) {
      if (error instanceof CommandError) throw new CommandError(command.argv, error.exitCode, this.host, error.stderrTail);
      throw error;
    }
  }

  async close(): Promise<void> {}
}
