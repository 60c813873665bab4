import type { Clock } from '../../platform/clock.js';
import type { OperationEvent, OperationStatus } from '../../platform/operation/operation-events.js';
import { openOperationLog, operationId } from '../../platform/operation/operation-log.js';
import { Operation } from '../../platform/operation/operation.js';
import { TargetLock } from '../../platform/operation/target-lock.js';
import type { Holder } from '../../platform/operation/holder.js';
import { recordJournal } from '../../platform/operation/journal.js';
import { historyRecorder, writeHistoryEntry } from '../../platform/operation/history.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { HostAccess, HostHandle } from './host-access.js';

/** A failed step as the recovery choice sees it. */
export interface StepFailure {
  step: number;
  title: string;
  message: string;
  hint?: string;
}

/** What to do after a failed step: run it again, undo everything done, or leave it all for debugging. */
export type FailureChoice = 'retry' | 'undo' | 'keep';

/** How to apply: where the operation log goes, progress, Ctrl-C, and the recovery choice. */
export interface ApplyOptions {
  operationsDir: string;
  onEvent?: (event: OperationEvent) => void;
  /** Aborting undoes what was done (the operation's own rule). */
  signal?: AbortSignal;
  /** Asked after each failure; without it a failure is undone. */
  onFailure?: (failure: StepFailure) => Promise<FailureChoice>;
  /** Who runs it (written into the lock and the journal). */
  holder: Holder;
  /** The deployment's record before the operation; absent for an install. */
  before?: DeploymentRecord;
  /** Take over a stale lock held by this (interrupted) operation id: undo and resume do. */
  takeOver?: string;
  /** How long undo keeps trying to reach a host that went away (settings' undoReconnectSeconds). */
  reconnectWindowMs?: number;
  /** Opens another inventory host, for the steps that run there (the managed proxy on a host of the user's choice). */
  otherHosts?: HostAccess;
}

/** How an operation ended, and where its log is. */
export interface ApplyResult {
  status: OperationStatus;
  operationId: string;
  logPath?: string;
  failure?: StepFailure;
}

/**
 * Applies a plan on its host as an Operation: the deployment's lock on the host (with who holds it and
 * a heartbeat), the journal in the record on the host (written before the first change), the
 * JSON-lines log (secrets masked), progress events, and undo, retry or keep after a failure as
 * `onFailure` chooses.
 */
export async function applyPlan(plan: Plan, host: HostHandle, clock: Clock, options: ApplyOptions): Promise<ApplyResult> {
  const id = operationId(plan.kind, plan.deployment, new Date(clock.now()));
  const log = openOperationLog(options.operationsDir, id, plan.secrets, clock);
  const history = historyRecorder(plan, { id, holder: options.holder, clock });
  const onEvent = (event: OperationEvent) => {
    history.onEvent(event);
    options.onEvent?.(event);
  };
  const other = options.otherHosts;
  const operation = new Operation(plan, {
    runner: host.runner,
    clock,
    log,
    id,
    onEvent,
    acquireLock: () => TargetLock.acquire(host.runner, plan.deployment, { id, operation: plan.kind, holder: options.holder, clock, ...(options.takeOver ? { takeOver: options.takeOver } : {}) }),
    journal: recordJournal({ runner: host.runner, plan, id, holder: options.holder, clock, ...(options.before ? { before: options.before } : {}) }),
    ...(options.reconnectWindowMs !== undefined ? { reconnectWindowMs: options.reconnectWindowMs } : {}),
    ...(other ? { runnerFor: async (name: string) => (await other.open(name)).runner } : {}),
  });
  let failure: StepFailure | undefined;
  try {
    let status = await operation.run(options.signal);
    while (status === 'failed') {
      const failed = operation.failure;
      failure = failed ? { step: failed.step, title: plan.steps[failed.step]?.title ?? '', message: failed.message, ...(failed.hint ? { hint: failed.hint } : {}) } : undefined;
      const choice = failure && options.onFailure ? await options.onFailure(failure) : 'undo';
      if (choice === 'retry') status = await operation.run(options.signal);
      else status = choice === 'keep' ? await operation.keep() : await operation.undo();
    }
    // The host keeps the deployment's history (`homelab-tui history NAME`); a host that went away
    // keeps none of this one: the local operation log still has it.
    await writeHistoryEntry(host.runner, history.entry(status, status !== 'succeeded' ? failure : undefined)).catch((error: unknown) => log.append({ event: 'history-not-written', message: error instanceof Error ? error.message : String(error) }));
    return { status, operationId: id, ...(log.path ? { logPath: log.path } : {}), ...(status !== 'succeeded' && failure ? { failure } : {}) };
  } finally {
    await operation.finish();
  }
}
