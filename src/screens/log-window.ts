import type { LogBuffer, LogEntry } from '../services/logs/log-buffer.js';
import type { LogFilter } from '../services/logs/log-filter.js';

/** What the logs view draws: the entries on screen (oldest first) and how many rows each takes. */
export interface LogWindow {
  entries: LogEntry[];
  /** More matching lines exist above the window. */
  more: boolean;
}

/** Rows an entry takes at `width` columns: one when cut, as many as it wraps to otherwise. */
export function rowsOf(text: string, width: number, wrap: boolean): number {
  return wrap ? Math.max(1, Math.ceil(text.length / Math.max(width, 1))) : 1;
}

/**
 * The lines that fill `height` rows, ending `skip` matching lines above the newest (or above
 * `untilSeq` when paused). Only what is visible is read: the buffer is walked from the newest line
 * back until the rows are full.
 */
export function logWindow(buffer: LogBuffer, options: { height: number; width: number; wrap: boolean; skip: number; untilSeq?: number; filter?: LogFilter; prefixWidth: number }): LogWindow {
  const entries: LogEntry[] = [];
  let rows = 0;
  let skipped = 0;
  for (const entry of buffer.newestFirst(options.untilSeq)) {
    if (options.filter && !options.filter.test(entry.text)) continue;
    if (skipped < options.skip) {
      skipped++;
      continue;
    }
    const need = rowsOf(entry.text, options.width - options.prefixWidth, options.wrap);
    // A wrapped line that does not fit whole is left out: a cut top line would read as a different line.
    if (rows + need > options.height && entries.length > 0) return { entries: entries.reverse(), more: true };
    rows += need;
    entries.push(entry);
  }
  return { entries: entries.reverse(), more: false };
}

/** `12:23:12.816 ` (13 columns) from a source's RFC 3339 stamp, or from the time the line arrived. */
export function clockTime(entry: LogEntry): string {
  const iso = entry.time ?? new Date(entry.receivedAt).toISOString();
  return `${iso.slice(11, 23).padEnd(12)} `;
}
