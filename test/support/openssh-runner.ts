// A CommandRunner over the OpenSSH client, for driving lab hosts from tests of code below the
// transport (providers, the install pipeline) with the lab's ssh config. It is not the product's
// SshRunner: it wraps LocalRunner around `ssh … '<quoted command line>'`.
import type { Command, CommandRunner, RunResult, StreamLine } from '../../src/services/runner/command-runner.js';
import { LocalRunner } from '../../src/services/runner/local-runner.js';
import { shellCommandLine, shellQuote } from '../../src/services/shell-quote.js';
import { sshArgs } from './lab.js';

export class OpenSshRunner implements CommandRunner {
  private readonly local = new LocalRunner();

  constructor(readonly host: string) {}

  private wrap(command: Command): Command {
    const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const line = `${command.cwd ? `cd ${shellQuote(command.cwd)} && ` : ''}${env.length ? `env ${env.join(' ')} ` : ''}${shellCommandLine(command.argv)}`;
    return { ...command, argv: ['ssh', ...sshArgs(this.host), line], cwd: undefined, env: undefined };
  }

  run(command: Command): Promise<RunResult> {
    return this.local.run(this.wrap(command));
  }

  stream(command: Command): AsyncIterable<StreamLine> {
    return this.local.stream(this.wrap(command));
  }

  async close(): Promise<void> {}
}
