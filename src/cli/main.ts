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
  // The app itself (no command, in a terminal): start loading it while the command parser loads.
  if (opensApp(argv.slice(2)) && process.stdin.isTTY && process.stdout.isTTY) {
    void import('./launch-app.js').then((m) => m.preloadApp()).catch(() => undefined);
  }
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

/** True when argv names no command: only the global options (and their values) are given. */
function opensApp(args: string[]): boolean {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--config-dir' || arg === '--ssh-config') i += 1;
    else if (!arg.startsWith('--config-dir=') && !arg.startsWith('--ssh-config=') && arg !== '--debug') return false;
  }
  return true;
}

await main(process.argv);
