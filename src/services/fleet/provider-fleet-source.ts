import { isRestartable, type DeploymentStatus, type LogLine, type Provider, type ProviderContext } from '../../providers/provider.js';
import type { Clock } from '../../platform/clock.js';
import { mapWithConcurrency } from '../../platform/concurrency.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { ProviderId } from '../../providers/registry.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { OperationEvent } from '../../platform/operation/operation-events.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { readDiskUse } from './disk-use.js';
import type { ActionOutcome, DeploymentDetails, DeploymentReading, FleetSource, HostReading, Problem } from './fleet-reading.js';

/** One inventory host opened for work (the install pipeline's HostHandle has this shape). */
export interface FleetHost {
  name: string;
  address: string;
  runner: CommandRunner;
}

/** A host's records as listed on it, or (it did not answer) as last cached, with the error. */
export interface HostRecords {
  records: DeploymentRecord[];
  broken: Array<{ path: string; problem: string }>;
  error?: Problem;
  cachedAt?: string;
}

/** What the provider-backed fleet source is built from; the composition root passes the real ones. */
export interface ProviderFleetOptions {
  open(host: string): Promise<FleetHost>;
  /** The provider for an id; throws a UserError when this build has none. */
  provider(id: ProviderId): Provider;
  records(host: string): Promise<HostRecords>;
  /** Applies a restart plan as an operation (lock, log, undo) and says how it ended. */
  applyRestart(host: FleetHost, plan: Plan, options: { what: string; signal: AbortSignal; onEvent?: (event: OperationEvent) => void }): Promise<ActionOutcome>;
  /** Directories on the host that hold the deployment's data (their disk use is shown). */
  dataPaths?: (record: DeploymentRecord) => readonly string[];
  clock: Clock;
  /** Deployments of one host whose status is read at once. */
  concurrency?: number;
}

/** How long the details view waits for the last log lines before showing what it has. */
const DETAILS_TIMEOUT_MS = 15_000;
const LOG_TAIL_LINES = 20;

function problemOf(error: unknown): Problem | undefined {
  if (!(error instanceof UserError || error instanceof CommandError)) return undefined;
  return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

function unknownStatus(record: DeploymentRecord, problem: Problem): DeploymentStatus {
  return { deployment: record.name, health: 'unknown', services: [], reason: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}

/**
 * The dashboard's view of the fleet through the providers: each host's records, each deployment's
 * status from its provider (one that fails is "unknown" with the reason, the others still show), and
 * details, restart and logs through the same provider.
 */
export function providerFleetSource(options: ProviderFleetOptions): FleetSource {
  const context = (host: FleetHost): ProviderContext => ({ runner: host.runner, hostName: host.name, hostAddress: host.address, clock: options.clock });

  const statusOf = async (host: FleetHost, record: DeploymentRecord): Promise<DeploymentReading> => {
    let provider: Provider;
    try {
      provider = options.provider(record.provider);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      return { host: host.name, record, status: unknownStatus(record, problem), cannotRestart: problem.message };
    }
    const cannotRestart = isRestartable(provider) ? undefined : `${provider.label} deployments cannot be restarted by homelab-tui`;
    try {
      return { host: host.name, record, status: await provider.status(context(host), record), ...(cannotRestart ? { cannotRestart } : {}) };
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      return { host: host.name, record, status: unknownStatus(record, problem), ...(cannotRestart ? { cannotRestart } : {}) };
    }
  };

  return {
    async readHost(name): Promise<HostReading> {
      const listed = await options.records(name);
      const base = { host: name, broken: listed.broken, ...(listed.cachedAt ? { cachedAt: listed.cachedAt } : {}) };
      if (listed.error) {
        const problem = { message: `${name} did not answer: ${listed.error.message}`, ...(listed.error.hint ? { hint: listed.error.hint } : {}) };
        return { ...base, error: listed.error, deployments: listed.records.map((record) => ({ host: name, record, status: unknownStatus(record, problem) })) };
      }
      const host = await options.open(name);
      return { ...base, deployments: await mapWithConcurrency(listed.records, options.concurrency ?? 4, (record) => statusOf(host, record)) };
    },

    async readDetails(reading, signal): Promise<DeploymentDetails> {
      const host = await options.open(reading.host);
      const stop = AbortSignal.any([signal, AbortSignal.timeout(DETAILS_TIMEOUT_MS)]);
      const tail = async (): Promise<Pick<DeploymentDetails, 'logTail' | 'logError'>> => {
        const lines: LogLine[] = [];
        try {
          const provider = options.provider(reading.record.provider);
          for await (const line of provider.logs(context(host), reading.record, { tail: LOG_TAIL_LINES, follow: false, signal: stop })) lines.push(line);
          return { logTail: lines.slice(-LOG_TAIL_LINES) };
        } catch (error) {
          return { logTail: lines, logError: problemOf(error)?.message ?? (error instanceof Error ? error.message : String(error)) };
        }
      };
      const paths = options.dataPaths?.(reading.record) ?? [];
      const [logs, disk] = await Promise.all([tail(), paths.length ? readDiskUse(host.runner, paths, stop) : Promise.resolve({ disk: [] })]);
      return { ...logs, ...disk };
    },

    async restart(reading, restartOptions): Promise<ActionOutcome> {
      const provider = options.provider(reading.record.provider);
      if (!isRestartable(provider)) throw new UserError(`${provider.label} deployments cannot be restarted by homelab-tui`);
      const host = await options.open(reading.host);
      const plan = await provider.planRestart(context(host), reading.record, restartOptions.service);
      const what = restartOptions.service ? `${restartOptions.service} of ${reading.record.name}` : reading.record.name;
      return options.applyRestart(host, plan, { what, signal: restartOptions.signal, ...(restartOptions.onEvent ? { onEvent: restartOptions.onEvent } : {}) });
    },

    async *logs(reading, logOptions): AsyncIterable<LogLine> {
      const host = await options.open(reading.host);
      yield* options.provider(reading.record.provider).logs(context(host), reading.record, logOptions);
    },
  };
}
