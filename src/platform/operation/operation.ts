import type { Clock } from '../clock.js';
import { CommandError, UserError } from '../errors.js';
import { redact } from '../logger.js';
import type { Plan } from '../plan/plan.js';
import type { CommandRunner } from '../runner/command-runner.js';
import type { OperationEvent, OperationStatus } from './operation-events.js';
import type { OperationLog } from './operation-log.js';
import { describeAction, runAction } from './run-action.js';

/** A lock the operation holds until finish(); TargetLock is the real one. */
export interface HeldLock {
  release(): Promise<void>;
}

/** What an operation needs: the host's runner, a clock, its log, and where progress goes. */
export interface OperationDeps {
  runner: CommandRunner;
  clock: Clock;
  log: OperationLog;
  id: string;
  onEvent?: (event: OperationEvent) => void;
  /** Takes the deployment's lock before the first step; the operation releases it in finish(). */
  acquireLock?: () => Promise<HeldLock>;
}

/**
 * Applies a plan: steps in order with progress events; on failure it stops and leaves the choice to
 * the caller (retry, undo, keep); on abort it undoes what was done. Every event goes to the log.
 */
export class Operation {
  private nextStep = 0;
  private begun = false;
  private lock: HeldLock | undefined;
  private readonly started: number;
  status: OperationStatus | 'running' | 'pending' = 'pending';
  /** The failure that stopped the last run, in words. */
  failure: { step: number; message: string; hint?: string } | undefined;

  constructor(
    readonly plan: Plan,
    private readonly deps: OperationDeps,
  ) {
    this.started = deps.clock.now();
  }

  private emit(event: OperationEvent): void {
    const masked = event.type === 'output' ? { ...event, line: redact(event.line, this.plan.secrets) } : event;
    this.deps.log.append(masked);
    this.deps.onEvent?.(masked);
  }

  /** Runs the remaining steps (all of them the first time, from the failed one on a retry). */
  async run(signal?: AbortSignal): Promise<OperationStatus> {
    const total = this.plan.steps.length;
    if (!this.begun) {
      this.begun = true;
      this.emit({ type: 'started', id: this.deps.id, total });
      this.lock = await this.deps.acquireLock?.();
    }
    this.status = 'running';
    this.failure = undefined;
    const abort = signal ?? new AbortController().signal;
    for (; this.nextStep < total; this.nextStep++) {
      const index = this.nextStep;
      const step = this.plan.steps[index]!;
      const stepStart = this.deps.clock.now();
      this.emit({ type: 'step', index, total, title: step.title, percent: Math.round((index / total) * 100) });
      try {
        for (const action of step.actions) {
          if (abort.aborted) throw new UserError('cancelled', undefined, 1);
          this.emit({ type: 'output', line: `→ ${describeAction(action)}` });
          await runAction(action, this.deps.runner, this.deps.clock, { signal: abort, output: (line) => this.emit({ type: 'output', line }) });
        }
      } catch (error) {
        const { message, hint } = describeError(error);
        this.failure = { step: index, message, ...(hint ? { hint } : {}) };
        this.emit({ type: 'failed', index, title: step.title, message, ...(hint ? { hint } : {}) });
        if (abort.aborted) return this.end((await this.undoSteps()) ? 'cancelled' : 'undo-incomplete');
        this.status = 'failed';
        return 'failed';
      }
      this.emit({ type: 'step-done', index, total, percent: Math.round(((index + 1) / total) * 100), durationMs: this.deps.clock.now() - stepStart });
    }
    return this.end('succeeded');
  }

  /** Undoes the finished steps and the one that failed, newest first. Undo failures are reported, not thrown. */
  async undo(): Promise<OperationStatus> {
    return this.end((await this.undoSteps()) ? 'undone' : 'undo-incomplete');
  }

  private async undoSteps(): Promise<boolean> {
    let complete = true;
    const last = Math.min(this.nextStep, this.plan.steps.length - 1);
    for (let index = last; index >= 0; index--) {
      const step = this.plan.steps[index]!;
      if (!step.undo?.length) continue;
      this.emit({ type: 'undo-step', index, title: step.title });
      for (const action of step.undo) {
        try {
          await runAction(action, this.deps.runner, this.deps.clock, {
            signal: new AbortController().signal,
            output: (line) => this.emit({ type: 'output', line }),
          });
        } catch (error) {
          complete = false;
          this.emit({ type: 'undo-failed', index, title: step.title, message: describeError(error).message });
        }
      }
    }
    this.nextStep = 0;
    return complete;
  }

  /** Leaves everything as it is (for debugging) and ends the operation. */
  async keep(): Promise<OperationStatus> {
    return this.end('kept');
  }

  /** Releases the lock and closes the log. Call once, whatever happened. */
  async finish(): Promise<void> {
    await this.lock?.release();
    this.lock = undefined;
    await this.deps.log.close();
  }

  private end(status: OperationStatus): OperationStatus {
    this.status = status;
    this.emit({ type: 'finished', status, durationMs: this.deps.clock.now() - this.started });
    return status;
  }
}

function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof UserError || error instanceof CommandError) return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return { message: error instanceof Error ? error.message : String(error) };
}
