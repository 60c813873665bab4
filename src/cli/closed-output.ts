type OutputName = 'stdout' | 'stderr';

const closed = new Set<OutputName>();
const listeners = new Set<(stream: OutputName) => void>();

/**
 * Keeps a closed stdout or stderr (the reader of a pipe went away: EPIPE) from killing the process
 * with an unhandled error: the stream is marked closed, later writes are dropped, and listeners (a
 * running operation) are told so they can undo. Installed once at start.
 */
export function guardOutputs(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') return;
      if (closed.has(name)) return;
      closed.add(name);
      for (const listener of listeners) listener(name);
    });
  }
}

/** Whether a stream can still be written to (as far as this process knows). */
export function outputOpen(name: OutputName): boolean {
  return !closed.has(name) && !process[name].destroyed;
}

/** Writes to stderr unless it is closed (messages about an interruption go where they can). */
export function writeStderr(text: string): void {
  if (outputOpen('stderr')) process.stderr.write(text);
}

/** Calls `listener` when stdout or stderr closes; returns how to stop listening. */
export function onOutputClosed(listener: (stream: OutputName) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
