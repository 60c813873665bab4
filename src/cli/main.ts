import { appArgv } from './app-argv.js';
import { guardOutputs, writeStderr } from './closed-output.js';
import type { GlobalOptions } from './context.js';
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
  // The app itself (no command, in a terminal): start loading it at once, and open it without building
  // the command parser (its declarations and commander are a tenth of the first frame's work).
  const app = process.stdin.isTTY && process.stdout.isTTY ? appArgv(argv.slice(2)) : undefined;
  if (app) void import('./launch-app.js').then((m) => m.preloadApp()).catch(() => undefined);
  // The bundle is minified: with --debug, stacks are mapped back to the source.
  if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
  try {
    await (app ? openApp(app) : runCommand(argv));
  } catch (error) {
    const { presentError } = await import('./present-error.js');
    const { text, exitCode } = presentError(error, argv.includes('--debug'));
    writeStderr(`${text}\n`);
    process.exitCode = exitCode;
  }
}

async function openApp(globals: GlobalOptions): Promise<void> {
  const [{ runAction }, { openApp: action }] = await Promise.all([import('./run-action.js'), import('./commands/app.js')]);
  await runAction(globals, async () => action);
}

/** Any command (or help, or a usage error) through the command parser. */
async function runCommand(argv: string[]): Promise<void> {
  const [{ CommanderError }, { buildProgram, exitCodeOfCommanderError }] = await Promise.all([
    import('commander'),
    import('./program.js'),
  ]);
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = exitCodeOfCommanderError(error);
  }
}

await main(process.argv);
