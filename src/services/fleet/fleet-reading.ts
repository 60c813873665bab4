import type { HostResources } from '../hosts/host-resources.js';
import type { UnmanagedWorkload } from '../../providers/provider.js';

export type { UnmanagedWorkload };
import type { DeploymentStatus, LogLine, LogOptions } from '../../providers/provider.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { ActionId, ActionTable, ChangeRequest } from '../lifecycle/action-table.js';
import type { TerminalIo } from '../../platform/runner/command-runner.js';
import type { OperationEvent } from '../../platform/operation/operation-events.js';
import type { BackupProgress } from '../backup/backup-api.js';
import type { BackupLine } from '../backup/backup-listing.js';

/** Names one deployment in the fleet: the inventory host it lives on and its name there. */
export interface DeploymentRef {
  host: string;
  name: string;
}

/** A stable text key for a deployment, e.g. `docker/labapp`. */
export function refKey(ref: DeploymentRef): string {
  return `${ref.host}/${ref.name}`;
}

/** A problem in words with what to do about it. */
export interface Problem {
  message: string;
  hint?: string;
}

/** One deployment as a refresh read it: its record, the provider's status, and which actions it allows. */
export interface DeploymentReading {
  host: string;
  record: DeploymentRecord;
  status: DeploymentStatus;
  /** Per action: available, or why not (computed once by the lifecycle from the provider's capabilities). */
  actions: ActionTable;
}

/** What one refresh of one host found; `error` when the host did not answer (records then come from the cache). */
export interface HostReading {
  host: string;
  deployments: DeploymentReading[];
  /** Record files on the host that could not be read. */
  broken: Array<{ path: string; problem: string }>;
  error?: Problem;
  /** Set when `deployments` are the local cache's because the host did not answer. */
  cachedAt?: string;
  /** Load, memory and the disks of the data paths; absent when the host did not answer or could not say. */
  resources?: HostResources;
  /** What the figures warn of against the thresholds (disk nearly full, memory nearly used up). */
  warnings?: Problem[];
  /** What runs there with no record (compose projects started by hand, LXC containers): adoptable. */
  unmanaged?: UnmanagedWorkload[];
}

/** Disk use of one data path on the deployment's host. */
export interface DiskUse {
  path: string;
  bytes?: number;
  error?: string;
}

/** What the details view reads on demand: the last log lines and the disk use of the data paths. */
export interface DeploymentDetails {
  logTail: LogLine[];
  logError?: string;
  disk: DiskUse[];
  diskError?: string;
  /** The last operations kept on the host (newest last); absent where the source reads none. */
  history?: HistoryLine[];
  historyError?: string;
  /** The deployment's archives on this machine, newest first; absent where the source keeps none. */
  backups?: BackupLine[];
  /** Where they are (the backups dir). */
  backupsDir?: string;
  backupsError?: string;
}

/** One finished operation as the details show it. */
export interface HistoryLine {
  startedAt: string;
  kind: string;
  by: string;
  durationMs: number;
  status: string;
}

/** What acting on a deployment takes beyond the action's id: the request (a service, purge), a signal, progress. */
export interface ActOptions extends ChangeRequest {
  signal: AbortSignal;
  onEvent?: (event: OperationEvent) => void;
  /** A backup's bytes as they are written (per member, with the total when known). */
  onProgress?: (progress: BackupProgress) => void;
}

/** A change planned before it is confirmed (a restore): the plan in lines, and how to apply exactly that plan. */
export interface PreparedAction {
  /** The plan's steps in words, secrets masked. */
  plan: string[];
  apply(options: Pick<ActOptions, 'signal' | 'onEvent'>): Promise<ActionOutcome>;
  /** Lets go of what the plan holds on this machine when it is not applied (a decrypted copy). */
  discard?(): Promise<void>;
}

/** How an action (restart, uninstall) ended: ok, or the reason and hint, and where its operation log is. */
export interface ActionOutcome {
  ok: boolean;
  message: string;
  hint?: string;
  logPath?: string;
}

/**
 * Lends the terminal to `work` (the app's screen put away meanwhile: keys and output are the work's)
 * and takes it back after, whatever ends it.
 */
export type TerminalHandOver = <T>(work: (io: TerminalIo) => Promise<T>) => Promise<T>;

export interface ShellOptions {
  service?: string;
  handOver: TerminalHandOver;
}

/**
 * The fleet as the providers see it, for the dashboard: per-host readings, details, actions and logs.
 * Actions take the reading the user acted on (its record says where and what). The CLI's composition
 * root builds it from the provider registry and host access; tests use doubles.
 */
export interface FleetSource {
  readHost(host: string, signal: AbortSignal): Promise<HostReading>;
  readDetails(reading: DeploymentReading, signal: AbortSignal): Promise<DeploymentDetails>;
  /** Runs an action that changes the deployment (one its reading's action table offers) as one operation. */
  act(action: ActionId, reading: DeploymentReading, options: ActOptions): Promise<ActionOutcome>;
  logs(reading: DeploymentReading, options: LogOptions): AsyncIterable<LogLine>;
  /** Opens a shell where the deployment runs (one service's container, the guest, a pod) on the terminal `handOver` lends. */
  shell(reading: DeploymentReading, options: ShellOptions): Promise<ActionOutcome>;
  /**
   * Plans putting an archive back into the deployment (verified whole first); nothing changes until
   * `apply`. An encrypted archive takes its passphrase (a wrong one: WrongArchiveKey). Absent where
   * backups are not kept.
   */
  prepareRestore?(reading: DeploymentReading, archive: string, passphrase?: string): Promise<PreparedAction>;
  /** Probes a host's facts again (an explicit refresh); absent where facts are not kept. */
  refreshFacts?(host: string): Promise<void>;
}
