import { writeStderr } from './closed-output.js';
import type { OperationEvent } from '../platform/operation/operation-events.js';

/**
 * Prints operation progress for scripts and terminals without the app: one line per step and per
 * output line, or one JSON object per event with `--json`. Writes to stderr so stdout stays data.
 */
export function progressPrinter(options: { json: boolean; write?: (text: string) => void; verbose?: boolean }): (event: OperationEvent) => void {
  const write = options.write ?? writeStderr;
  if (options.json) return (event) => write(`${JSON.stringify(event)}\n`);
  return (event) => {
    const line = formatEvent(event, options.verbose ?? true);
    if (line !== undefined) write(`${line}\n`);
  };
}

/** One event as a line of text, or nothing for events that only matter as data. */
export function formatEvent(event: OperationEvent, verbose: boolean): string | undefined {
  switch (event.type) {
    case 'started':
      return undefined;
    case 'step':
      return `[${event.index + 1}/${event.total} ${String(event.percent).padStart(3)}%] ${event.title}`;
    case 'output':
      return verbose ? `    ${event.line}` : undefined;
    case 'step-done':
      return undefined;
    case 'failed':
      return `✗ ${event.title}: ${event.message}${event.hint ? `\n  hint: ${event.hint}` : ''}`;
    case 'undo-step':
      return `↶ undo: ${event.title}`;
    case 'undo-failed':
      return `✗ undo of "${event.title}" failed: ${event.message}`;
    case 'finished':
      return `${event.status === 'succeeded' ? '✓' : '•'} ${event.status} in ${(event.durationMs / 1000).toFixed(1)} s`;
  }
}
