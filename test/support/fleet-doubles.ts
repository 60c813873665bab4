import type { DeploymentStatus, LogLine, LogOptions, Provider, ServiceStatus } from '../../src/providers/provider.js';
import { WrongArchiveKey } from '../../src/services/backup/archive-crypto.js';
import { actionTable, type ActionId } from '../../src/services/lifecycle/action-table.js';
import { deploymentRecordSchema, type DeploymentRecord } from '../../src/platform/deployments/deployment-record.js';
import { createFleetDeps, type FleetDeps } from '../../src/services/fleet/fleet-deps.js';
import type { ActOptions, ActionOutcome, DeploymentDetails, DeploymentReading, DeploymentRef, FleetSource, HostReading, PreparedAction, ShellOptions } from '../../src/services/fleet/fleet-reading.js';
import type { TerminalIo } from '../../src/platform/runner/command-runner.js';
import { ConnectionStates } from '../../src/platform/ssh/connection-state.js';
import { ManualClock } from './manual-clock.js';

/** A deployment record as a provider writes it, with defaults for what a test does not care about. */
export function recordOf(name: string, fields: Partial<Omit<DeploymentRecord, 'name'>> = {}): DeploymentRecord {
  return deploymentRecordSchema.parse({
    schema: 1,
    name,
    app: fields.app ?? name,
    version: '1',
    provider: 'compose',
    host: 'docker',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    answers: {},
    refs: (fields.provider ?? 'compose') === 'compose' ? { project: name, dir: `/opt/homelab-tui/${name}`, file: `/opt/homelab-tui/${name}/compose.yaml`, services: 'app' } : {},
    ...fields,
  });
}

/** A service line with defaults (running, no health check). */
export function serviceOf(name: string, fields: Partial<ServiceStatus> = {}): ServiceStatus {
  return { name, state: 'running', health: 'none', restarts: 0, startedAt: '2026-01-01T00:00:00Z', ...fields };
}

/** A provider as the action table sees it: its label, and restart, stop and start when `restartable`; backups when `backups`. */
export function tableProvider(label: string, restartable = true, backups = false): Provider {
  const notInTests = () => Promise.reject(new Error('not in tests'));
  return {
    label,
    ...(restartable ? { planRestart: notInTests, planStop: notInTests, planStart: notInTests, shellCommand: notInTests } : {}),
    ...(backups ? { backupAccess: notInTests, readSecrets: notInTests } : {}),
  } as unknown as Provider;
}

/**
 * A deployment as the poller reads it, with its action table computed by the real `actionTable`
 * (a Compose provider that can restart, unless `extra.provider` says otherwise).
 */
export function readingOf(
  host: string,
  name: string,
  status: Partial<DeploymentStatus> & { services?: ServiceStatus[] } = {},
  record: Partial<DeploymentRecord> = {},
  extra: Partial<DeploymentReading> & { provider?: Provider } = {},
): DeploymentReading {
  const { provider = tableProvider('Docker Compose'), ...rest } = extra;
  const full = recordOf(name, { host, ...record });
  const fullStatus: DeploymentStatus = { deployment: name, health: 'healthy', services: [serviceOf('web')], ...status };
  return { host, record: full, status: fullStatus, actions: actionTable({ provider, record: full, status: fullStatus }), ...rest };
}

function refOf(reading: DeploymentReading): DeploymentRef {
  return { host: reading.host, name: reading.record.name };
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/**
 * A fleet source under the test's control: host readings from a table (or a function), details that
 * answer at once or wait to be answered, restarts recorded, and log lines from a generator.
 */
export class FakeFleetSource implements FleetSource {
  readonly hosts = new Map<string, HostReading | (() => Promise<HostReading>)>();
  readonly reads: string[] = [];
  /** Every action asked of the source, in order. */
  readonly acted: Array<{ action: ActionId; ref: DeploymentRef; service?: string; purge?: boolean }> = [];
  /** Actions that wait until the test answers them (`hold` set): the test sees them start and progress. */
  holdActions = false;
  readonly heldActions: Array<{ action: ActionId; reading: DeploymentReading; options: ActOptions } & Pending<ActionOutcome>> = [];
  readonly logRequests: Array<{ ref: DeploymentRef; options: LogOptions }> = [];
  holdDetails = false;
  readonly heldDetails: Array<{ reading: DeploymentReading } & Pending<DeploymentDetails>> = [];
  details: (reading: DeploymentReading) => DeploymentDetails = () => ({ logTail: [], disk: [] });
  outcomes: Partial<Record<ActionId, ActionOutcome>> = { restart: { ok: true, message: 'restarted; it is healthy' }, uninstall: { ok: true, message: 'uninstalled; its data is kept' } };
  logLines: (ref: DeploymentRef, options: LogOptions) => AsyncIterable<LogLine> = async function* () {};

  /** Sets what a host answers; `deployments` alone is a host that answered. */
  setHost(host: string, reading: Partial<HostReading> | (() => Promise<HostReading>)): void {
    this.hosts.set(host, typeof reading === 'function' ? reading : { host, deployments: [], broken: [], ...reading });
  }

  async readHost(host: string): Promise<HostReading> {
    this.reads.push(host);
    const entry = this.hosts.get(host);
    if (typeof entry === 'function') return entry();
    return entry ?? { host, deployments: [], broken: [] };
  }

  readDetails(reading: DeploymentReading): Promise<DeploymentDetails> {
    if (!this.holdDetails) return Promise.resolve(this.details(reading));
    return new Promise((resolve, reject) => this.heldDetails.push({ reading, resolve, reject }));
  }

  /** The restarts asked of the source. */
  get restarts(): Array<{ ref: DeploymentRef; service?: string }> {
    return this.acted.filter((a) => a.action === 'restart').map(({ ref, service }) => ({ ref, ...(service ? { service } : {}) }));
  }

  act(action: ActionId, reading: DeploymentReading, options: ActOptions): Promise<ActionOutcome> {
    this.acted.push({ action, ref: refOf(reading), ...(options.service ? { service: options.service } : {}), ...(options.purge ? { purge: true } : {}) });
    if (this.holdActions) return new Promise((resolve, reject) => this.heldActions.push({ action, reading, options, resolve, reject }));
    return Promise.resolve(this.outcomes[action] ?? { ok: true, message: `${action}: done` });
  }

  /** Restores planned (`prepareRestore`) and applied, in order. */
  readonly restores: Array<{ ref: DeploymentRef; archive: string; applied: boolean; passphrase?: string; discarded?: boolean }> = [];
  /** The passphrase that opens an encrypted archive here (another one: WrongArchiveKey). */
  archivePassphrase = 'right horse battery';
  /** What `prepareRestore` answers: its plan lines, or an error (a damaged archive). */
  restorePlan: string[] | Error = ['1. Safety backup of what it holds now: write it to /backups', '2. Restore the archive: stop the app, replace its data, start it, wait for health'];
  restoreOutcome: ActionOutcome = { ok: true, message: 'restored; it is healthy' };

  prepareRestore(reading: DeploymentReading, archive: string, passphrase?: string): Promise<PreparedAction> {
    const entry: (typeof this.restores)[number] = { ref: refOf(reading), archive, applied: false, ...(passphrase !== undefined ? { passphrase } : {}) };
    this.restores.push(entry);
    const plan = this.restorePlan;
    if (plan instanceof Error) return Promise.reject(plan);
    if (archive.endsWith('.age') && passphrase !== this.archivePassphrase) return Promise.reject(new WrongArchiveKey(`${archive}: the passphrase given does not open it`));
    return Promise.resolve({
      plan,
      discard: async () => void (entry.discarded = true),
      apply: (options) => {
        entry.applied = true;
        if (this.holdActions) return new Promise<ActionOutcome>((resolve, reject) => this.heldActions.push({ action: 'restore', reading, options, resolve, reject }));
        return Promise.resolve(this.restoreOutcome);
      },
    });
  }

  /** The shells opened: which deployment and service. */
  readonly shells: Array<{ ref: DeploymentRef; service?: string }> = [];
  /** What the shell does with the terminal it is lent (default: nothing); its exit code. */
  shellWork: (io: TerminalIo) => Promise<number | null> = async () => 0;

  async shell(reading: DeploymentReading, options: ShellOptions): Promise<ActionOutcome> {
    this.shells.push({ ref: refOf(reading), ...(options.service ? { service: options.service } : {}) });
    const code = await options.handOver((io) => this.shellWork(io));
    return { ok: code !== null, message: `left the shell (exit ${code})` };
  }

  logs(reading: DeploymentReading, options: LogOptions): AsyncIterable<LogLine> {
    const ref = refOf(reading);
    this.logRequests.push({ ref, options });
    return this.logLines(ref, options);
  }
}

/** Fleet deps over a fake source, a manual clock (no background refresh until advanced) and settable connection states. */
export function fakeFleetDeps(source = new FakeFleetSource(), clock = new ManualClock(Date.parse('2026-01-01T00:10:00Z'))): FleetDeps & { source: FakeFleetSource; states: ConnectionStates; manualClock: ManualClock; copied: string[] } {
  const states = new ConnectionStates();
  const copied: string[] = [];
  const deps = createFleetDeps({ source, connections: states, clock, timing: { intervalMs: 5_000, concurrency: 4, backoff: { baseMs: 1_000, capMs: 8_000 } }, copyText: (text) => (copied.push(text), true) });
  return { ...deps, source, states, manualClock: clock, copied };
}
