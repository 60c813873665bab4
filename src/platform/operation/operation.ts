import type { Clock } from '../clock.js';
import { BugError, CommandError, UserError } from '../errors.js';
import { redact } from '../logger.js';
import type { Plan, PlanStep } from '../plan/plan.js';
import type { CommandRunner } from '../runner/command-runner.js';
import type { OperationEvent, OperationStatus } from './operation-events.js';
import { SshConnectError } from '../ssh/ssh-errors.js';
import type { StepJournal } from './journal.js';
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
  /** Told before the first change, as each step starts and ends, and how it all ended (the record journal on the target). */
  journal?: StepJournal;
  /** The runner of another inventory host, for the steps that name one (`PlanStep.host`). */
  runnerFor?: (host: string) => Promise<CommandRunner>;
  /** How long undo keeps trying to reach a host whose connection was lost (default 60 s). */
  reconnectWindowMs?: number;
  /** Pause between tries while reconnecting (default 2 s). */
  reconnectPauseMs?: number;
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
      await this.deps.journal?.begin();
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
        await this.deps.journal?.step(index, 'running');
        const runner = await this.runnerOf(step);
        for (const action of step.actions) {
          if (abort.aborted) throw new UserError('cancelled', undefined, 1);
          this.emit({ type: 'output', line: `→ ${describeAction(action)}` });
          await runAction(action, runner, this.deps.clock, { signal: abort, output: (line) => this.emit({ type: 'output', line }) });
        }
      } catch (error) {
        const { message, hint } = describeError(error);
        this.failure = { step: index, message, ...(hint ? { hint } : {}) };
        this.emit({ type: 'failed', index, title: step.title, message, ...(hint ? { hint } : {}) });
        if (abort.aborted) return this.end((await this.undoSteps()) ? 'cancelled' : 'undo-incomplete');
        this.status = 'failed';
        return 'failed';
      }
      try {
        await this.deps.journal?.step(index, 'done');
      } catch (error) {
        // The step ran; only its mark did not reach the host. The next step's mark (or undo) tells.
        this.emit({ type: 'output', line: `could not note step ${index + 1} as done on ${this.deps.runner.host}: ${describeError(error).message}` });
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
      let stepComplete = true;
      for (const action of step.undo) {
        try {
          await this.reconnecting(async () =>
            runAction(action, await this.runnerOf(step), this.deps.clock, {
              signal: new AbortController().signal,
              output: (line) => this.emit({ type: 'output', line }),
            }),
          );
        } catch (error) {
          stepComplete = false;
          this.emit({ type: 'undo-failed', index, title: step.title, message: describeError(error).message });
        }
      }
      complete &&= stepComplete;
      if (stepComplete) await this.reconnecting(() => this.deps.journal?.step(index, 'pending') ?? Promise.resolve()).catch(() => undefined);
    }
    this.nextStep = 0;
    return complete;
  }

  /** The plan's host, or the other host a step names (opened by the caller's `runnerFor`). */
  private async runnerOf(step: PlanStep): Promise<CommandRunner> {
    if (step.host === undefined || step.host === this.deps.runner.host) return this.deps.runner;
    if (!this.deps.runnerFor) throw new BugError(`step "${step.title}" runs on ${step.host}, but this operation can reach only ${this.deps.runner.host}`);
    return this.deps.runnerFor(step.host);
  }

  /**
   * Runs `work`, and when the host's connection is lost, tries again until the reconnect window
   * ends (the runner reconnects by itself on the next command): undo must not give up on a blip.
   */
  private async reconnecting<T>(work: () => Promise<T>): Promise<T> {
    const deadline = this.deps.clock.now() + (this.deps.reconnectWindowMs ?? 60_000);
    let told = false;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!isConnectionLoss(error) || this.deps.clock.now() >= deadline) throw error;
        if (!told) {
          told = true;
          this.emit({ type: 'output', line: `lost the connection to ${this.deps.runner.host}: trying again for up to ${Math.round((deadline - this.deps.clock.now()) / 1000)} s to undo` });
        }
        await new Promise((resolve) => setTimeout(resolve, this.deps.reconnectPauseMs ?? 2_000));
      }
    }
  }

  /** Leaves everything as it is (for debugging) and ends the operation. */
  async keep(): Promise<OperationStatus> {
    return this.end('kept');
  }

  /** Releases the lock and closes the log. Call once, whatever happened. */
  async finish(): Promise<void> {
    try {
      await this.lock?.release();
    } catch (error) {
      // The host went away: the lock stays there and is judged stale once this process has ended.
      this.emit({ type: 'output', line: `could not release the lock on ${this.deps.runner.host}: ${describeError(error).message}` });
    }
    this.lock = undefined;
    await this.deps.log.close();
  }

  private async end(status: OperationStatus): Promise<OperationStatus> {
    this.status = status;
    try {
      await this.deps.journal?.end(status);
    } catch (error) {
      // The outcome stands; the journal left on the host tells the next command what happened.
      this.emit({ type: 'output', line: `could not update the journal on ${this.deps.runner.host}: ${describeError(error).message}` });
    }
    this.emit({ type: 'finished', status, durationMs: this.deps.clock.now() - this.started });
    return status;
  }
}

/** A lost or unreachable connection (the command may not have run), as opposed to a command that failed. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof CommandError) return error.exitCode === null;
  return error instanceof SshConnectError && error.reason === 'unreachable';
}

function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof UserError || error instanceof CommandError) return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return { message: error instanceof Error ? error.message : String(error) };
}
