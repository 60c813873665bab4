import { createContext, type GlobalOptions } from './context.js';
import type { CommandAction } from './program.js';

/**
 * Runs one command action the way every command runs: a context from the global options, the action,
 * the log closed, and the action's exit code made the process's. The command parser calls it for each
 * command; main calls it directly for the app, which needs no parser.
 */
export async function runAction(
  globals: GlobalOptions,
  load: () => Promise<CommandAction>,
  args: string[] = [],
  options: Record<string, unknown> = {},
): Promise<void> {
  const ctx = createContext(globals);
  try {
    const action = await load();
    await action(ctx, args, options);
  } finally {
    await ctx.logger.close();
  }
  if (ctx.exitCode !== 0) process.exitCode = ctx.exitCode;
}
