import type { PlanStep } from '../plan/plan.js';
import type { CommandRunner } from '../runner/command-runner.js';
import { otherOwners, ownedData } from './data-ownership.js';
import { removeCreatedActions } from './data-probe.js';
import type { DataEntry, DeploymentRecord } from './deployment-record.js';
import { listRecords } from './record-store.js';

/** What an uninstall does with the deployment's data: a step (or none), and the paths it removes and keeps. */
export interface DataRemoval {
  step?: PlanStep;
  removed: string[];
  kept: string[];
  notes: string[];
}

/**
 * Uninstall's data step. With `purge`: deletes the folders this deployment created, never one that
 * was there before it nor one another record on the host references. Without: removes its created
 * folders only while still empty (an install interrupted before the app wrote anything), keeps the rest.
 */
export async function planDataRemoval(runner: CommandRunner, record: DeploymentRecord, purge: boolean): Promise<DataRemoval> {
  const entries = ownedData(record);
  if (entries.length === 0) return { removed: [], kept: [], notes: [] };
  const { records } = await listRecords(runner);
  const shared = otherOwners(records, record.name, entries.map((e) => e.path));
  const sharedPaths = new Set(shared.map((s) => s.path));
  const mine: DataEntry[] = entries.filter((e) => e.created && !sharedPaths.has(e.path));
  const notes = shared.map((s) => `${s.path} stays: the deployment "${s.owner}" uses ${s.ownerPath}`);
  if (purge) {
    const removed = mine.map((e) => e.path);
    const kept = entries.filter((e) => !removed.includes(e.path)).map((e) => e.path);
    const actions = removeCreatedActions(mine, { all: true });
    return {
      ...(actions.length > 0 ? { step: { id: 'purge', title: `Remove the data it created: ${removed.join(', ')}`, actions } } : {}),
      removed,
      kept,
      notes: [
        ...(removed.length ? [`the data in ${removed.join(', ')} is deleted for good`] : []),
        ...entries.filter((e) => !e.created).map((e) => `${e.path} stays: it held files before this deployment used it`),
        ...notes,
      ],
    };
  }
  const actions = removeCreatedActions(mine, { all: false });
  const kept = entries.map((e) => e.path);
  return {
    ...(actions.length > 0 ? { step: { id: 'empty-data', title: 'Remove the data folders it created if they are still empty', actions } } : {}),
    removed: [],
    kept,
    notes: [`the data stays in ${kept.join(', ')} (uninstall --purge removes the folders this deployment created)`, ...notes],
  };
}
