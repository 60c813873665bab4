import { CommanderError } from 'commander';
import { presentError } from './present-error.js';
import { buildProgram, exitCodeOfCommanderError } from './program.js';

/** Parses argv, runs the command, and maps every failure to a message and an exit code. */
async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = exitCodeOfCommanderError(error);
      return;
    }
    const { text, exitCode } = presentError(error, argv.includes('--debug'));
    process.stderr.write(`${text}\n`);
    process.exitCode = exitCode;
  }
}

await main(process.argv);
