import { guardOutputs, writeStderr } from './closed-output.js';
import { VERSION } from './version.js';

/** Parses argv, runs the command, and maps every failure to a message and an exit code. */
async function main(argv: string[]): Promise<void> {
  // Scripts call --version often; answer it before loading the command parser.
  const [flag, ...rest] = argv.slice(2);
  if ((flag === '--version' || flag === '-V') && rest.length === 0) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  guardOutputs();
  // The bundle is minified: with --debug, stacks are mapped back to the source.
  if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
  const [{ CommanderError }, { presentError }, { buildProgram, exitCodeOfCommanderError }] = await Promise.all([
    import('commander'),
    import('./present-error.js'),
    import('./program.js'),
  ]);
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = exitCodeOfCommanderError(error);
      return;
    }
    const { text, exitCode } = presentError(error, argv.includes('--debug'));
    writeStderr(`${text}\n`);
    process.exitCode = exitCode;
  }
}

await main(process.argv);
