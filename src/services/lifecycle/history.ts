import { readRecord } from '../../platform/deployments/record-store.js';
import type { OperationJournal } from '../../platform/deployments/deployment-record.js';
import { CommandError, UserError } from '../../platform/errors.js';
import { listHistory, type BrokenHistoryEntry, type HistoryEntry } from '../../platform/operation/history.js';
import { showCommand } from '../../platform/show-command.js';
import type { Lifecycle } from './lifecycle.js';
import { journalProgress } from './read-host.js';

/** An operation whose journal still waits in the record (not finished: no entry yet). */
export interface PendingOperation {
  id: string;
  kind: string;
  startedAt: string;
  by: OperationJournal['by'];
  /** `interrupted` (or still running: status says which); what was done. */
  status: 'interrupted';
  progress: string;
}

/** A deployment's history as its host keeps it, oldest first, with an operation still in its record. */
export interface DeploymentHistory {
  deployment: string;
  host: string;
  entries: HistoryEntry[];
  broken: BrokenHistoryEntry[];
  pending?: PendingOperation;
}

/**
 * Reads `name`'s history from its host: on `host` when given (an uninstalled deployment keeps its
 * history there), else on the host its record is found on.
 */
export async function readDeploymentHistory(lifecycle: Lifecycle, name: string, options: { host?: string } = {}): Promise<DeploymentHistory> {
  const { handle, journal } = await locate(lifecycle, name, options.host);
  const { entries, broken } = await listHistory(handle.runner, name);
  if (entries.length === 0 && !journal && options.host !== undefined && !(await readRecord(handle.runner, name))) {
    throw new UserError(`no deployment named "${name}" on ${options.host}, and no history of one`, `see what is there: ${showCommand(['homelab-tui', 'status', '--host', options.host])}`);
  }
  return {
    deployment: name,
    host: handle.name,
    // An update undone after its gate failed was rolled back: the word its result uses (`update --json`).
    entries: entries.map((e) => (e.kind === 'update' && e.status === 'undone' ? { ...e, status: 'rolled-back' } : e)),
    broken,
    ...(journal ? { pending: { id: journal.id, kind: journal.kind, startedAt: journal.startedAt, by: journal.by, status: 'interrupted' as const, progress: journalProgress(journal) } } : {}),
  };
}

async function locate(lifecycle: Lifecycle, name: string, host: string | undefined) {
  if (host !== undefined) {
    const handle = await lifecycle.deps.hosts.open(host);
    const record = await readRecord(handle.runner, name).catch((error: unknown) => {
      if (error instanceof CommandError) return undefined;
      throw error;
    });
    return { handle, journal: record?.operation };
  }
  try {
    const found = await lifecycle.find(name);
    return { handle: found.handle, journal: found.record.operation };
  } catch (error) {
    if (error instanceof UserError && /^no deployment named/.test(error.message)) {
      throw new UserError(`no deployment named "${name}" on any host`, `an uninstalled one keeps its history on its host: ${showCommand(['homelab-tui', 'history', name, '--host', 'HOST'])}`);
    }
    throw error;
  }
}
