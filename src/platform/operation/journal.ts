import type { Clock } from '../clock.js';
import type { DeploymentRecord, OperationJournal } from '../deployments/deployment-record.js';
import { removeRecord, writeRecord } from '../deployments/record-store.js';
import type { Plan } from '../plan/plan.js';
import type { CommandRunner } from '../runner/command-runner.js';
import type { Holder } from './holder.js';
import type { OperationStatus } from './operation-events.js';

type StepState = OperationJournal['steps'][number]['state'];

/** What an Operation tells its journal: before the first change, each step's progress, and how it ended. */
export interface StepJournal {
  begin(): Promise<void>;
  step(index: number, state: StepState): Promise<void>;
  end(status: OperationStatus): Promise<void>;
}

/** What the record journal is built from. */
export interface RecordJournalOptions {
  runner: CommandRunner;
  plan: Plan;
  id: string;
  holder: Holder;
  clock: Clock;
  /** The deployment's record before the operation (absent for an install: the plan's record step holds the new one). */
  before?: DeploymentRecord;
}

/**
 * The journal kept in the deployment's record on its host: written before the first change (so an
 * interrupted install is listed, and `uninstall` finds what it made), updated as each step starts and
 * ends, and cleared when the operation ends. When the host cannot be reached the last write stays
 * there for the next command.
 */
export function recordJournal(options: RecordJournalOptions): StepJournal {
  const { runner, plan } = options;
  const written = plan.steps.find((s) => s.recordChange?.kind === 'write')?.recordChange;
  let current: DeploymentRecord | undefined = options.before ?? (written?.kind === 'write' ? written.record : undefined);
  let present = current !== undefined;
  // True while the host holds `current` without a journal (the plan's own record step just wrote it).
  let clean = false;
  let dirMade = false;
  const journal: OperationJournal = {
    id: options.id,
    kind: plan.kind,
    startedAt: new Date(options.clock.now()).toISOString(),
    by: options.holder,
    // A step on another host (the managed proxy's site) is named with it: the record on this host is
    // the one journal of the whole operation, and undo/resume rebuild that step from the record's refs.
    steps: plan.steps.map((s) => ({ id: s.id, title: s.title, state: 'pending', ...(s.host && s.host !== runner.host ? { host: s.host } : {}) })),
    // Shared, not copied: facts learnt while it runs (an update's image digests) reach the next write.
    ...(plan.journal ? { details: plan.journal } : {}),
  };
  const save = async (): Promise<void> => {
    if (!present || !current) return;
    await writeRecord(runner, { ...current, operation: journal }, undefined, !dirMade);
    dirMade = true;
    clean = false;
  };
  const withoutJournal = (record: DeploymentRecord): DeploymentRecord => {
    const { operation: _, ...rest } = record;
    return rest;
  };
  return {
    begin: save,
    async step(index, state) {
      const step = plan.steps[index];
      const entry = journal.steps[index];
      if (!step || !entry) return;
      entry.state = state;
      // A step that starts is not written down: the first pending step after the done ones is where it stopped.
      if (state === 'running') return;
      if (state === 'done' && step.recordChange?.kind === 'remove') {
        present = false;
        return;
      }
      if (state === 'done' && step.recordChange?.kind === 'write') {
        current = step.recordChange.record;
        present = true;
        clean = true;
        return;
      }
      if (state === 'pending' && step.recordChange?.kind === 'write' && !options.before) present = false;
      await save();
    },
    async end(status) {
      if (status === 'succeeded') {
        if (present && current && !clean) await writeRecord(runner, withoutJournal(current), undefined, !dirMade);
      } else if (status === 'undone' || status === 'cancelled') {
        if (options.before) await writeRecord(runner, withoutJournal(options.before), undefined, !dirMade);
        else await removeRecord(runner, plan.deployment);
      }
      // kept, undo-incomplete: the journal stays on the host for `undo`, `resume` or `uninstall`.
    },
  };
}
