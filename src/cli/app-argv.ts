import type { GlobalOptions } from './context.js';

const VALUED = { '--config-dir': 'configDir', '--ssh-config': 'sshConfig' } as const;

/**
 * The global options when argv names no command (the app is wanted), so the app can open without
 * building the command parser; undefined for anything else, and for anything irregular (a missing or
 * empty value, an unknown flag, a command), which the parser then handles with its own messages.
 */
export function appArgv(args: readonly string[]): GlobalOptions | undefined {
  const options: GlobalOptions = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--debug') {
      options.debug = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(flag in VALUED)) return undefined;
    const value = eq > 0 ? arg.slice(eq + 1) : args[(i += 1)];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    options[VALUED[flag as keyof typeof VALUED]] = value;
  }
  return options;
}
