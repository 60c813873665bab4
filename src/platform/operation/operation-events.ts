/** Progress of an operation, for the install screen, the CLI's progress lines and the log. */
export type OperationEvent =
  | { type: 'started'; id: string; total: number }
  | { type: 'step'; index: number; total: number; title: string; percent: number }
  | { type: 'output'; line: string }
  | { type: 'step-done'; index: number; total: number; percent: number; durationMs: number }
  | { type: 'failed'; index: number; title: string; message: string; hint?: string }
  | { type: 'undo-step'; index: number; title: string }
  | { type: 'undo-failed'; index: number; title: string; message: string }
  | { type: 'finished'; status: OperationStatus; durationMs: number };

/**
 * `failed` leaves what was done in place so the caller can choose: retry, undo, or keep for
 * debugging. `cancelled` (Ctrl-C, abort) has already been undone.
 */
export type OperationStatus = 'succeeded' | 'failed' | 'cancelled' | 'undone' | 'undo-incomplete' | 'kept';
