import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../../src/cli/operation-progress.js';
import type { OperationEvent } from '../../../src/platform/operation/operation-events.js';

const events: OperationEvent[] = [
  { type: 'started', id: 'op', total: 2 },
  { type: 'step', index: 0, total: 2, title: 'Write files', percent: 0 },
  { type: 'output', line: '→ write /opt/app/compose.yaml' },
  { type: 'step-done', index: 0, total: 2, percent: 50, durationMs: 10 },
  { type: 'step', index: 1, total: 2, title: 'Start', percent: 50 },
  { type: 'failed', index: 1, title: 'Start', message: 'port 8080 is in use', hint: 'choose another port' },
  { type: 'undo-step', index: 0, title: 'Write files' },
  { type: 'finished', status: 'undone', durationMs: 1500 },
];

describe('progressPrinter', () => {
  it('prints steps with n/N and percent, failures with hints, and the end state', () => {
    let text = '';
    const print = progressPrinter({ json: false, write: (t) => (text += t) });
    events.forEach(print);
    expect(text).toBe(
      [
        '[1/2   0%] Write files',
        '    → write /opt/app/compose.yaml',
        '[2/2  50%] Start',
        '✗ Start: port 8080 is in use',
        '  hint: choose another port',
        '↶ undo: Write files',
        '• undone in 1.5 s',
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON object per event with --json', () => {
    let text = '';
    const print = progressPrinter({ json: true, write: (t) => (text += t) });
    events.forEach(print);
    expect(text.trim().split('\n').map((l) => JSON.parse(l) as OperationEvent)).toEqual(events);
  });
});
