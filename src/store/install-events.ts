import type { OperationEvent } from '../platform/operation/operation-events.js';
import type { InstallData } from './wizard-types.js';

/** Lines of install output kept for the log pane; older ones are dropped (the operation log has all). */
export const LOG_LINES = 500;

/** Folds a batch of operation events into the install screen's state. */
export function applyEvents(install: InstallData, events: readonly OperationEvent[]): InstallData {
  let next = install;
  const lines: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'started':
        next = { ...next, total: event.total };
        break;
      case 'step':
        next = { ...next, index: event.index, total: event.total, title: event.title, percent: event.percent };
        lines.push(`[${event.index + 1}/${event.total}] ${event.title}`);
        break;
      case 'output':
        lines.push(`  ${event.line}`);
        break;
      case 'step-done':
        next = { ...next, percent: event.percent };
        break;
      case 'failed':
        lines.push(`✗ ${event.title}: ${event.message}`, ...(event.hint ? [`  hint: ${event.hint}`] : []));
        break;
      case 'undo-step':
        lines.push(`↶ undo: ${event.title}`);
        break;
      case 'undo-failed':
        lines.push(`✗ undo of ${event.title} failed: ${event.message}`);
        break;
      case 'finished':
        lines.push(`${event.status === 'succeeded' ? '✓' : '•'} ${event.status} in ${Math.round(event.durationMs / 1000)} s`);
        break;
    }
  }
  // Output can carry several lines in one event; the pane shows one row per line.
  const split = lines.flatMap((l) => l.split('\n'));
  return split.length === 0 ? next : { ...next, log: [...next.log, ...split].slice(-LOG_LINES) };
}
