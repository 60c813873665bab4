import type { LogLine } from '../../providers/provider.js';

/** How long the pump may work before it lets timers and key presses run. */
const SLICE_MS = 8;

/**
 * Feeds `lines` into `sink` until the stream ends or the signal aborts. A source that delivers lines
 * faster than they can be drawn (a burst of history, a chatty service) is read in slices of a few
 * milliseconds with a turn of the event loop between them, so repaints and keys are never starved.
 */
export async function pumpLogLines(lines: AsyncIterable<LogLine>, sink: (line: LogLine) => void, options: { signal?: AbortSignal; now?: () => number } = {}): Promise<void> {
  const now = options.now ?? (() => performance.now());
  let sliceStart = now();
  let count = 0;
  for await (const line of lines) {
    if (options.signal?.aborted) return;
    sink(line);
    // Checking the time costs more than a line; look every 256 lines.
    if (++count % 256 === 0 && now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = now();
    }
  }
}
