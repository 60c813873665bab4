import { listHistory } from '../../platform/operation/history.js';
import type { LogLine } from '../../providers/provider.js';
import { outcomeOf } from './action-outcome.js';
import type { ActionOutcome, DeploymentDetails, DeploymentReading, FleetSource } from '../fleet/fleet-reading.js';
import { readDiskUse } from '../fleet/disk-use.js';
import { type Lifecycle } from './lifecycle.js';
import { prepareShell } from './shell-session.js';
import { actionWords, type ActionId, type ChangeRequest } from './action-table.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { BackupDesk } from '../backup/backup-desk.js';
import { actBackup, openCurrent, prepareRestore, readBackups } from './fleet-backups.js';

/** How long the details view waits for the last log lines before showing what it has. */
const DETAILS_TIMEOUT_MS = 15_000;
const LOG_TAIL_LINES = 20;
const HISTORY_LINES = 5;

/** What a succeeded action adds to its result line (the operation ends with these checks). */
const AFTER: Partial<Record<ActionId, (reading: DeploymentReading, request: ChangeRequest) => string>> = {
  restart: () => '; it is healthy',
  start: () => '; it is healthy',
  stop: (reading, request) => `; start it again with T (homelab-tui start ${reading.record.name}${request.service ? ` ${request.service}` : ''} --host ${reading.host})`,
  uninstall: (reading, request) => (request.purge ? '' : `; its data is kept on ${reading.host} (homelab-tui uninstall ${reading.record.name} --host ${reading.host} --purge removes it)`),
};

/**
 * The dashboard's view of the fleet, through the one lifecycle: per-host readings (with their
 * action tables), details, actions and logs. The CLI commands call the same lifecycle.
 */
export function lifecycleFleetSource(lifecycle: Lifecycle, options: { dataPaths: (reading: { record: DeploymentRecord }) => readonly string[]; backups?: BackupDesk }): FleetSource {
  const desk = options.backups;
  return {
    readHost: (host) => lifecycle.readHost(host),
    refreshFacts: (host) => lifecycle.refreshFacts(host),

    async readDetails(reading, signal): Promise<DeploymentDetails> {
      const deployment = await lifecycle.open(reading.host, reading.record);
      const stop = AbortSignal.any([signal, AbortSignal.timeout(DETAILS_TIMEOUT_MS)]);
      const tail = async (): Promise<Pick<DeploymentDetails, 'logTail' | 'logError'>> => {
        const lines: LogLine[] = [];
        try {
          for await (const line of lifecycle.logs(deployment, { tail: LOG_TAIL_LINES, follow: false, signal: stop })) lines.push(line);
          return { logTail: lines.slice(-LOG_TAIL_LINES) };
        } catch (error) {
          return { logTail: lines, logError: error instanceof Error ? error.message : String(error) };
        }
      };
      const paths = options.dataPaths(reading);
      const history = async (): Promise<Pick<DeploymentDetails, 'history' | 'historyError'>> => {
        try {
          const { entries } = await listHistory(deployment.handle.runner, reading.record.name);
          return { history: entries.slice(-HISTORY_LINES).map((e) => ({ startedAt: e.startedAt, kind: e.kind, by: `${e.by.user}@${e.by.machine}`, durationMs: e.durationMs, status: e.status })) };
        } catch (error) {
          return { history: [], historyError: error instanceof Error ? error.message : String(error) };
        }
      };
      const [logs, disk, past, archives] = await Promise.all([tail(), paths.length ? readDiskUse(deployment.handle.runner, paths, stop) : Promise.resolve({ disk: [] }), history(), desk ? readBackups(desk, reading.record.name) : Promise.resolve({})]);
      return { ...logs, ...disk, ...past, ...archives };
    },

    async act(action, reading, actOptions): Promise<ActionOutcome> {
      // A backup's plan needs the catalog and the backups dir: the backup service makes it (as for the CLI).
      if (action === 'backup' && desk) return actBackup(lifecycle, desk, reading, actOptions);
      const { signal, onEvent, onProgress: _bytes, ...request } = actOptions;
      const deployment = await openCurrent(lifecycle, reading);
      const plan = await lifecycle.prepare(action, deployment, request);
      const what = request.service ? `${request.service} of ${reading.record.name}` : reading.record.name;
      const result = await lifecycle.apply(plan, { handle: deployment.handle, before: deployment.record }, { signal, ...(onEvent ? { onEvent } : {}) });
      const words = actionWords(action);
      const outcome = outcomeOf(result, words.done, what, reading.host, words.preposition);
      return outcome.ok ? { ...outcome, message: `${outcome.message}${AFTER[action]?.(reading, request) ?? ''}` } : outcome;
    },

    ...(desk ? { prepareRestore: (reading: DeploymentReading, archive: string, passphrase?: string) => prepareRestore(lifecycle, desk, reading, archive, passphrase) } : {}),

    async shell(reading, { service, handOver }): Promise<ActionOutcome> {
      const shell = await prepareShell(await lifecycle.open(reading.host, reading.record), service);
      const code = await handOver((io) => shell.run(io));
      const where = `the shell in ${service ? `${service} of ${reading.record.name}` : reading.record.name} on ${reading.host}`;
      return code === null ? { ok: false, message: `${where} ended without an exit code (the connection was lost?)` } : { ok: true, message: `left ${where} (exit ${code})` };
    },

    async *logs(reading, logOptions): AsyncIterable<LogLine> {
      yield* lifecycle.logs(await lifecycle.open(reading.host, reading.record), logOptions);
    },
  };
}
