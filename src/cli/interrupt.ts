import { onOutputClosed } from './closed-output.js';

/** The signals that stop an operation; each first one undoes, a second one of any kind exits at once. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What to say (on stderr, where it is still open) when an interruption arrives. */
export interface InterruptMessages {
  /** The first one: the operation is undoing what it did. */
  first?: (why: string) => void;
  /** A second one: the process exits now; the journal stays on the target for `undo`/`resume`. */
  second?: (why: string) => void;
}

/**
 * Turns SIGINT, SIGTERM, SIGHUP and a closed stdout or stderr (`| tee` ended, EPIPE) into an abort of
 * the running operation, which then undoes what it did. A second signal exits at once with 130:
 * the journal written on the target before the first change tells the next command what was done.
 * Call the returned function when the operation is over.
 */
export function abortOnInterrupt(controller: AbortController, messages: InterruptMessages = {}): () => void {
  const stop = (why: string): void => {
    messages.first?.(why);
    controller.abort(new Error(`interrupted (${why})`));
  };
  // Only a second signal exits at once. A closed output is not one: Ctrl-C on `homelab-tui … | tee log`
  // reaches both, and tee's end can be seen (EPIPE) before the signal; that one Ctrl-C still undoes.
  let signalled = false;
  const handlers = SIGNALS.map((signal) => {
    const handler = (): void => {
      if (signalled) {
        messages.second?.(signal);
        process.exit(130);
      }
      signalled = true;
      if (!controller.signal.aborted) stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const stopWatching = onOutputClosed((stream) => {
    if (!controller.signal.aborted) stop(`${stream} closed`);
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    stopWatching();
  };
}
