import type { Clock } from '../platform/clock.js';
import type { CertificateInfo } from '../platform/health/certificate.js';
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { ProviderId } from '../platform/recipe/provider-ids.js';
import type { HealthResult } from '../platform/health/health-check.js';
import type { HostFacts } from '../platform/hosts/host-facts.js';
import type { Plan, PlanAction, PlanStep } from '../platform/plan/plan.js';
import type { CommandRunner } from '../platform/runner/command-runner.js';
import type { ProxyHost } from '../platform/proxy/proxy-host.js';
import type { RenderedCommon } from '../platform/recipe/render/rendered.js';
import type { Reconfigurable } from './reconfigure.js';
import type { Shells } from './shell.js';
export { hasBackups, type BackupAccess, type Backups } from './backups.js';
import type { ReadingScope } from '../platform/reading-scope.js';

/** What a provider works with: the host's runner, how this machine reaches the host, and a clock. */
export interface ProviderContext {
  runner: CommandRunner;
  hostName: string;
  /** The address this machine uses for the host: URLs and direct probes are built from it. */
  hostAddress: string;
  clock: Clock;
  /**
   * The host's facts from the one host probe, kept by the host facts service (re-probed after its
   * TTL). Absent in tests and one-off uses: a provider that needs facts then probes on its own.
   */
  facts?: () => Promise<HostFacts>;
  /** The other host that runs this host's managed reverse proxy (hosts.yaml `proxy`); absent: the provider's proxy settings, on this host or the node. */
  proxyHost?: ProxyHost;
  /** Present while one host reading (a status run, a dashboard refresh) reads every deployment on the host: host-wide reads kept for all of them. */
  reading?: ReadingScope;
}

/** One preflight line: ✓ ok, ⚠ warn (can be accepted), ✗ fail (blocks), each not-ok with a hint. */
export interface PreflightItem {
  status: 'ok' | 'warn' | 'fail';
  label: string;
  detail?: string;
  hint?: string;
  /** The answer at fault, when a failure is a bad answer (the refusal then exits 2, as other bad answers do). */
  field?: string;
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
  health: 'healthy' | 'degraded' | 'unhealthy' | 'stopped' | 'unknown' | 'interrupted';
  services: ServiceStatus[];
  probe?: HealthResult;
  /** For an app using a database server: whether its user could log in from the app's host (status adds it). */
  database?: { ok: boolean; message: string; hint?: string };
  /** Each HTTPS URL's certificate, or why it could not be read (status adds it). */
  certificates?: (CertificateInfo | { url: string; error: string })[];
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
 * What every deployment offers, whatever runs it: its state, its logs and its removal. Optional
 * abilities are the capability interfaces below, checked with their type guards before an action is
 * offered (the lifecycle's action table).
 */
export interface Provider {
  readonly id: ProviderId;
  readonly label: string;
  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan>;
  status(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus>;
  logs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine>;
}

/** Installs new deployments from the catalog's rendered inputs for this provider. */
export interface Installer<Inputs> {
  preflight(ctx: ProviderContext, inputs: Inputs): Promise<PreflightItem[]>;
  planInstall(ctx: ProviderContext, request: { name: string; inputs: Inputs; record: DeploymentRecord }): Promise<Plan>;
}

/** Can restart a deployment or one of its services. */
export interface Restartable {
  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan>;
}

/**
 * Can snapshot a deployment and roll it back (the update's safety net for the system, not the data:
 * data comes back from the app-level backup). Each returns a plan step whose undo reverses it, so a
 * snapshot is reviewed and undone like any other step.
 */
export interface Snapshots {
  /** Takes snapshot `name`; undo deletes it. */
  snapshotStep(ctx: ProviderContext, record: DeploymentRecord, name: string): PlanStep;
  /** Rolls back to snapshot `name` (and starts the deployment again when it was running). */
  rollbackStep(ctx: ProviderContext, record: DeploymentRecord, name: string): PlanStep;
  /** Names, oldest first. */
  listSnapshots(ctx: ProviderContext, record: DeploymentRecord): Promise<string[]>;
}

/** What an update asks of a provider: the versions, and what the service worked out from the recipe. */
export interface UpdateRequest {
  from: string;
  to: string;
  /** The new version's image per recipe service (compose), rendered from the recipe. */
  images: Readonly<Record<string, string>>;
  /** Puts the data back as it was before the update; the rollback runs it while the app is stopped. */
  restoreData: readonly PlanAction[];
  /** Run while the app is stopped, before the new version starts (a rollback to an older release: its data back). */
  whileStopped?: readonly PlanAction[];
  /** The recipe rendered for the new version (secrets as placeholders), for providers that re-run its install steps (LXC). */
  inputs?: () => RenderedCommon & { provider: ProviderId };
  /** When the plan is made (ms since the epoch), for names such as a snapshot's. */
  at?: number;
  /** The recipe says the new version migrates the data (`dataMigrations`): a provider whose data the update service cannot back up (k3s PVCs) backs it up itself. */
  migratesData?: boolean;
  /** The recipe lets two versions run side by side (`blueGreen`): where the provider can switch traffic, the new version starts beside the old. */
  blueGreen?: boolean;
}

/** The provider's part of an update plan: fetch (nothing stops), apply (undo: the old version and its data), the health gate. */
export interface UpdateSteps {
  fetch: PlanStep;
  apply: PlanStep;
  gate: PlanStep;
  /** What changes, for the review (`labapp: local/labapp:1 -> local/labapp:2`). */
  changes: string[];
  /** The image digests (or ids) the new version runs, per service; read after the fetch. */
  digests?: () => Promise<Record<string, string>>;
  /** Steps after the backup and before the fetch that make the rollback possible (an LXC snapshot). */
  safety?: PlanStep[];
  /** Steps after the release is recorded (pruning old snapshots); they must not fail the update. */
  after?: PlanStep[];
  /** Steps between the fetch and the apply (blue-green: the new version started beside the old, gated, traffic switched to it). */
  beside?: PlanStep[];
  /** Steps after the gate and before the record (blue-green: traffic back to the deployment's own port, the copy beside it stopped). */
  finish?: PlanStep[];
  /** Facts for the review (blue-green, or why the update runs in place). */
  notes?: string[];
}

/** Can update a deployment to another version of its app, with a rollback that restores the data too. */
export interface Updatable {
  planUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest): Promise<UpdateSteps>;
  /**
   * Takes back an interrupted update (its journal on the target): when the new version was applied,
   * the old configuration, the data (`restoreData`) and the health gate; else nothing to do.
   */
  interruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }): Promise<PlanStep>;
}

export function isUpdatable(provider: Provider): provider is Provider & Updatable {
  return typeof (provider as Partial<Updatable>).planUpdate === 'function';
}

export function isRestartable(provider: Provider): provider is Provider & Restartable {
  return typeof (provider as Partial<Restartable>).planRestart === 'function';
}

/** Can stop a deployment or one of its services (what it ran stays: start brings it back). */
export interface Stoppable {
  planStop(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan>;
}

/** Can start a stopped deployment or one of its services, then waits until it is healthy. */
export interface Startable {
  planStart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan>;
}

export function isStoppable(provider: Provider): provider is Provider & Stoppable {
  return typeof (provider as Partial<Stoppable>).planStop === 'function';
}

export function isStartable(provider: Provider): provider is Provider & Startable {
  return typeof (provider as Partial<Startable>).planStart === 'function';
}

/** Has host-wide reads its status shares (k3s: one `kubectl get` of every workload): a host reading starts them beside the listing of the records. */
export interface SharedReads {
  startSharedReads(ctx: ProviderContext & { reading: ReadingScope }): void;
}

export function hasSharedReads(provider: Provider): provider is Provider & SharedReads {
  return typeof (provider as Partial<SharedReads>).startSharedReads === 'function';
}

/** Here with the other capability checks (not in shell.ts) so the action table needs nothing heavier. */
export function hasShell(provider: Provider): provider is Provider & Shells {
  return typeof (provider as Partial<Shells>).shellCommand === 'function';
}

/** Here with the other capability checks (not in reconfigure.ts) so the action table needs nothing heavier. */
export function isReconfigurable(provider: Provider): provider is Provider & Reconfigurable<never> {
  return typeof (provider as Partial<Reconfigurable>).planReconfigure === 'function';
}

export function hasSnapshots(provider: Provider): provider is Provider & Snapshots {
  return typeof (provider as Partial<Snapshots>).snapshotStep === 'function';
}

/** Yes, with what it will use (`docker-compose 1.29.2`), or no, with why in words. */
export type Support = { ok: true; detail: string } | { ok: false; reason: string };

/** The reason given for what this build cannot do at all. */
export const NOT_IN_THIS_VERSION = 'not available in this version of homelab-tui';

/** What a provider may do on a host before any deployment of it exists there (adopt comes next). */
export const HOST_OPERATIONS = ['install'] as const;
export type HostOperation = (typeof HOST_OPERATIONS)[number];

/**
 * What a provider knows about hosts, read from the facts of the one host probe (src/platform/hosts):
 * pure and cheap, no runner and no I/O, so the wizard can ask every provider on every host.
 */
export interface HostDetection {
  /** Does the host run this provider's platform: what was found, or why not. */
  detect(facts: HostFacts): Support;
  /** Each operation this provider offers on the host, available or the reason it is not. */
  supports(facts: HostFacts): Record<HostOperation, Support>;
  /** The free space this provider's disk sizes draw on, shown beside a size question (absent: none to show). */
  diskFree?(facts: HostFacts): DiskFree | undefined;
}

/** Free space on a host's file system. */
export interface DiskFree {
  path: string;
  availableBytes: number;
}

/**
 * Supports built on detect: every operation is offered where the platform is found. (The registry
 * answers NOT_IN_THIS_VERSION for a provider this build cannot create, whatever it detects.)
 */
export function detectionOf(detect: (facts: HostFacts) => Support): HostDetection {
  return {
    detect,
    supports(facts) {
      const found = detect(facts);
      return Object.fromEntries(HOST_OPERATIONS.map((operation) => [operation, found])) as Record<HostOperation, Support>;
    },
  };
}

export { isAdoptable, isDiscoverable, type AdoptionProposal, type AdoptRequest, type Adoptable, type Discoverable, type UnmanagedWorkload } from './adoption.js';
