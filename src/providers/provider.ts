import type { Clock } from '../platform/clock.js';
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { ProviderId } from '../platform/recipe/provider-ids.js';
import type { HealthResult } from '../platform/health/health-check.js';
import type { Plan } from '../platform/plan/plan.js';
import type { CommandRunner } from '../platform/runner/command-runner.js';

/** What a provider works with: the host's runner, how this machine reaches the host, and a clock. */
export interface ProviderContext {
  runner: CommandRunner;
  hostName: string;
  /** The address this machine uses for the host: URLs and direct probes are built from it. */
  hostAddress: string;
  clock: Clock;
}

/** One preflight line: ✓ ok, ⚠ warn (can be accepted), ✗ fail (blocks), each not-ok with a hint. */
export interface PreflightItem {
  status: 'ok' | 'warn' | 'fail';
  label: string;
  detail?: string;
  hint?: string;
}

export type ServiceState = 'running' | 'starting' | 'restarting' | 'exited' | 'stopped' | 'paused' | 'dead' | 'missing' | 'unknown';

/** One service (container, guest) of a deployment as the provider reads it back from the host. */
export interface ServiceStatus {
  name: string;
  state: ServiceState;
  health: 'healthy' | 'unhealthy' | 'starting' | 'none';
  exitCode?: number;
  restarts?: number;
  /** ISO time the service last started. */
  startedAt?: string;
  image?: string;
  version?: string;
  cpuPercent?: number;
  memoryBytes?: number;
}

/** A deployment's state: per service, the app probe, and a verdict with a reason and hint when not healthy. */
export interface DeploymentStatus {
  deployment: string;
  health: 'healthy' | 'degraded' | 'unhealthy' | 'stopped' | 'unknown';
  services: ServiceStatus[];
  probe?: HealthResult;
  reason?: string;
  hint?: string;
}

export interface LogOptions {
  service?: string;
  /** Passed to the host's own log tool, e.g. `10m` or an ISO time. */
  since?: string;
  tail?: number;
  follow?: boolean;
  signal?: AbortSignal;
}

/** A log line tagged with the service it came from, and when it was written if the source says. */
export interface LogLine {
  source: string;
  line: string;
  /** RFC 3339 time stamp from the log source, for ordering lines of several services. */
  time?: string;
}

/**
 * One way to run apps (compose, proxmox-lxc, k3s). `Inputs` are the catalog's rendered inputs for this
 * provider. Optional abilities are separate interfaces below, checked with type guards.
 */
export interface Provider<Inputs> {
  readonly id: ProviderId;
  readonly label: string;
  preflight(ctx: ProviderContext, inputs: Inputs): Promise<PreflightItem[]>;
  planInstall(ctx: ProviderContext, request: { name: string; inputs: Inputs; record: DeploymentRecord }): Promise<Plan>;
  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan>;
  status(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus>;
  logs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine>;
}

/** Can restart a deployment or one of its services. */
export interface Restartable {
  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan>;
}

/** Can snapshot a deployment and roll it back (the update pipeline's safety net). */
export interface Snapshots {
  snapshot(ctx: ProviderContext, record: DeploymentRecord, name: string): Promise<void>;
  rollback(ctx: ProviderContext, record: DeploymentRecord, name: string): Promise<void>;
  /** Names, oldest first. */
  listSnapshots(ctx: ProviderContext, record: DeploymentRecord): Promise<string[]>;
  /** Drops a snapshot the update pipeline no longer needs (snapshots hold disk space until then). */
  deleteSnapshot(ctx: ProviderContext, record: DeploymentRecord, name: string): Promise<void>;
}

export function isRestartable<I>(provider: Provider<I>): provider is Provider<I> & Restartable {
  return typeof (provider as Partial<Restartable>).planRestart === 'function';
}

export function hasSnapshots<I>(provider: Provider<I>): provider is Provider<I> & Snapshots {
  return typeof (provider as Partial<Snapshots>).snapshot === 'function';
}
