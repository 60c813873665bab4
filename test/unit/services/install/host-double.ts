import { listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';
import { writeFileCommand } from '../../../../src/platform/remote-file.js';
import type { Command, CommandRunner, RunResult, StreamLine } from '../../../../src/platform/runner/command-runner.js';

const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '' });

/** `start-it` fails, as a broken app's start would. */
export const startFails = (): RunResult => ({ exitCode: 3, stdout: '', stderr: 'it broke' });

/**
 * A host double for applying plans: it keeps written files in memory, answers the record listing
 * from them, grants locks, and runs `start-it` as the test says (it succeeds by default). Every
 * command is recorded in `commands`.
 */
export class HostDouble implements CommandRunner {
  readonly host = 'lab';
  readonly commands: string[] = [];
  readonly files = new Map<string, string>();
  constructor(private readonly startIt: (command: Command) => RunResult | Promise<RunResult> = () => ok()) {}

  async run(command: Command): Promise<RunResult> {
    const argv = [...command.argv];
    if (argv[2] === writeFileCommand('x', '').argv[2]) {
      this.files.set(argv[4] ?? '', String(command.stdin));
      this.commands.push(`write ${argv[4]}`);
      return ok();
    }
    if (argv[2] === listRecordsCommand().argv[2]) {
      this.commands.push('list records');
      return ok([...this.files].filter(([path]) => path.endsWith('.json')).map(([path, text]) => `${path}\t${text.trim()}\n`).join(''));
    }
    if (argv[0] === 'sh' && argv[2]?.includes('mkdir "$2"')) {
      this.commands.push(`lock ${argv[5]}`);
      return ok();
    }
    if (argv[0] === 'sh' && argv[2]?.includes('rm -rf -- "$1"')) {
      this.commands.push(`unlock ${argv[4]}`);
      return ok();
    }
    this.commands.push(argv.join(' '));
    if (argv[0] === 'rm') for (const path of argv.slice(3)) this.files.delete(path);
    return argv[0] === 'start-it' ? this.startIt(command) : ok();
  }

  stream(): AsyncIterable<StreamLine> {
    throw new Error('nothing in these plans streams');
  }

  async close(): Promise<void> {}
}
