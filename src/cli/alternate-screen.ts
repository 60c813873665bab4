export const ENTER = '\u001B[?1049h\u001B[H';
export const LEAVE = '\u001B[?25h\u001B[?1049l';

/** Exit codes a shell reports for these signals (128 + number). */
const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Switches the terminal to the alternate screen buffer and makes sure it comes back on every way out:
 * a normal quit, a signal, an uncaught error. Returns the restore function (safe to call twice).
 */
export function enterAlternateScreen(stream: NodeJS.WriteStream): () => void {
  const signalHandlers = new Map<NodeJS.Signals, () => void>();
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stream.write(LEAVE);
    process.off('exit', restore);
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
  const onCrash = (error: unknown): void => {
    restore();
    process.stderr.write(`homelab-tui crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES) as [NodeJS.Signals, number][]) {
    const handler = (): void => {
      restore();
      process.exit(code);
    };
    signalHandlers.set(signal, handler);
    process.once(signal, handler);
  }
  process.once('exit', restore);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  stream.write(ENTER);
  return restore;
}
