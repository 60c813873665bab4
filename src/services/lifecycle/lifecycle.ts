import type { Thresholds } from '../hosts/host-resources.js';
import type { CertificateInfo } from '../../platform/health/certificate.js';
import { type LogLine, type LogOptions, type Provider, type ProviderContext } from '../../providers/provider.js';
import type { ProviderEntry, ProviderRegistry } from '../../providers/registry.js';
import type { Clock } from '../../platform/clock.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { Holder } from '../../platform/operation/holder.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { HostReading } from '../fleet/fleet-reading.js';
import { incapable, planMaker, type ActionId, type ChangeRequest } from './action-table.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply.js';
import { cacheRecord, uncacheRecord } from './deployment-cache.js';
import { findDeployment } from './find.js';
import type { HostAccess, HostHandle } from './host-access.js';
import { proxyHostOf } from './proxy-host.js';
import { readHostDeployments } from './read-host.js';
import { showCommand } from '../../platform/show-command.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { prepareUpdate } from '../update/prepare-update.js';

/** What the lifecycle stands on: hosts, providers, a clock, the local cache and who is running it. */
export interface LifecycleDeps {
  hosts: HostAccess;
  registry: ProviderRegistry;
  clock: Clock;
  cacheDir: string;
  operationsDir: string;
  holder: Holder;
  /** Deployments of one host whose status is read at once (the dashboard's and status's limit). */
  concurrency: number;
  /** How long undo keeps trying to reach a host that went away. */
  reconnectWindowMs?: number;
  /** The catalog's recipe of an app (an update asks it for the versions); absent: update is planned by its command only. */
  recipe?: (app: string) => Promise<Recipe>;
  /** When a host's figures warn; absent: the defaults (disk under 20% free, memory over 80% used). */
  thresholds?: Thresholds;
  /**
   * For a deployment using a database server, whether its user can log in (undefined: it uses none).
   * The composition root wires it (services/health/database-login.ts); absent, status skips it.
   */
  databaseLogin?: (deployment: OpenDeployment) => Promise<DatabaseLoginCheck | undefined>;
  /**
   * Reads the certificate an HTTPS URL serves (platform/health/certificate.ts), at `fallbackAddress`
   * (the proxy's host) when its name does not resolve here; absent, status skips it.
   */
  certificate?: (url: string, fallbackAddress?: string) => Promise<CertificateInfo>;
}

/** How a database login went: ok, or the server's words and what to try. */
export type DatabaseLoginCheck = { ok: true; message: string } | { ok: false; message: string; hint: string };

/** A deployment opened once: its host, its record, its provider (absent when this build lacks it) and the provider's context. */
export interface OpenDeployment {
  handle: HostHandle;
  record: DeploymentRecord;
  entry?: ProviderEntry;
  /** Why the provider cannot act on it, when it cannot: this build lacks it, or the record's refs are bad. */
  missing?: string;
  missingHint?: string;
  ctx: ProviderContext;
}

/** Operations on an existing deployment: each is an action of the action table with a plan maker. */
export type ChangeKind = ActionId;
export type { ChangeRequest };

/** How to apply a plan; the lifecycle adds the holder, the record before and the reconnect window. */
export type LifecycleApplyOptions = Omit<ApplyOptions, 'holder' | 'before' | 'operationsDir' | 'reconnectWindowMs'>;

/** The one deployment lifecycle the CLI commands and the dashboard's store both call. */
export interface Lifecycle {
  readonly deps: LifecycleDeps;
  /** Finds a deployment by name (on `host`, or on the one host that has it) and opens it. */
  find(name: string, options?: { host?: string }): Promise<OpenDeployment>;
  /** Opens a deployment whose host and record are known (the dashboard's readings). */
  open(host: string, record: DeploymentRecord): Promise<OpenDeployment>;
  /** Every deployment of one host with its status and action table (a host that does not answer: as cached, unknown). */
  readHost(host: string): Promise<HostReading>;
  /** Probes a host again now (its tools, engines, Traefik…) instead of waiting for its facts' TTL. */
  refreshFacts(host: string): Promise<void>;
  /** A plan for a change to an opened deployment; nothing on the host changes. */
  prepare(kind: ChangeKind, deployment: OpenDeployment, request?: ChangeRequest): Promise<Plan>;
  /** Applies a plan for an opened deployment (or a new one: an install) with lock, journal, log and undo. */
  apply(plan: Plan, target: { handle: HostHandle; before?: DeploymentRecord }, options: LifecycleApplyOptions): Promise<ApplyResult>;
  logs(deployment: OpenDeployment, options: LogOptions): AsyncIterable<LogLine>;
}

/** The provider behind a deployment; a UserError when this build has none. */
export function providerOf(deployment: OpenDeployment): Provider {
  if (!deployment.entry) throw new UserError(deployment.missing ?? `this build has no ${deployment.record.provider} provider`, deployment.missingHint);
  return deployment.entry.provider;
}

export function createLifecycle(deps: LifecycleDeps): Lifecycle {
  const open = async (handle: HostHandle, record: DeploymentRecord): Promise<OpenDeployment> => {
    const proxyHost = await proxyHostOf(deps.hosts, handle);
    const ctx: ProviderContext = { runner: handle.runner, hostName: handle.name, hostAddress: handle.address, clock: deps.clock, ...(handle.facts ? { facts: handle.facts } : {}), ...(proxyHost ? { proxyHost } : {}) };
    // The refs of a record in mid-operation may not be written yet (an install fills them in).
    const bad = record.operation ? undefined : deps.registry.refsProblem(record);
    if (bad) return { handle, record, missing: bad.message, missingHint: bad.hint, ctx };
    try {
      return { handle, record, entry: deps.registry.entry(record.provider), ctx };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { handle, record, missing: error.message, ctx };
    }
  };

  return {
    deps,
    async find(name, options = {}) {
      const { handle, record } = await findDeployment(deps.hosts, name, { ...(options.host ? { host: options.host } : {}), cacheDir: deps.cacheDir, clock: deps.clock });
      return open(handle, record);
    },
    async open(host, record) {
      return open(await deps.hosts.open(host), record);
    },
    readHost: (host) => readHostDeployments(deps, host, open),
    refreshFacts: async (host) => deps.hosts.refreshFacts?.(host),
    async prepare(kind, deployment, request = {}) {
      const provider = providerOf(deployment);
      const journal = deployment.record.operation;
      if (journal && kind !== 'uninstall') {
        throw new UserError(
          `${deployment.record.name} on ${deployment.handle.name} has an interrupted ${journal.kind}`,
          `finish it: ${showCommand(['homelab-tui', 'resume', deployment.record.name, '--host', deployment.handle.name])}, or take it back: ${showCommand(['homelab-tui', 'undo', deployment.record.name, '--host', deployment.handle.name])}`,
          1,
        );
      }
      const cannot = incapable(kind, provider);
      // An update's plan needs the catalog (the version to go to): the newest, or request.to.
      if (kind === 'update' && !cannot && deps.recipe) {
        const recipe = await deps.recipe(deployment.record.app);
        return (await prepareUpdate(deployment, recipe, request.to !== undefined ? { to: request.to } : {}, deps.clock)).plan;
      }
      const plan = planMaker(kind);
      if (cannot || !plan) throw new UserError(cannot ?? `${kind} does not change a deployment`);
      if (request.service && !(await provider.status(deployment.ctx, deployment.record)).services.some((s) => s.name === request.service)) {
        throw new UserError(`${deployment.record.name} has no service "${request.service}"`, `see its services: ${showCommand(['homelab-tui', 'status', '--host', deployment.handle.name])}`);
      }
      return plan(provider, deployment, request);
    },
    apply: (plan, target, options) => applyOperation(deps, plan, target, options),
    logs: (deployment, options) => providerOf(deployment).logs(deployment.ctx, deployment.record, options),
  };
}

/** What applying a plan needs from the lifecycle's deps (the install pipeline passes the same). */
export type ApplyDeps = Pick<LifecycleDeps, 'clock' | 'cacheDir' | 'operationsDir' | 'holder' | 'reconnectWindowMs' | 'hosts'>;

/**
 * The one way a plan is applied, for installs and every change: lock, journal on the target, log,
 * undo; then the local cache follows what the host now holds.
 */
export async function applyOperation(deps: ApplyDeps, plan: Plan, target: { handle: HostHandle; before?: DeploymentRecord }, options: LifecycleApplyOptions): Promise<ApplyResult> {
  const result = await applyPlan(plan, target.handle, deps.clock, {
    ...options,
    operationsDir: deps.operationsDir,
    holder: deps.holder,
    ...(target.before ? { before: target.before } : {}),
    ...(deps.reconnectWindowMs !== undefined ? { reconnectWindowMs: deps.reconnectWindowMs } : {}),
    otherHosts: deps.hosts,
  });
  await refreshCache(deps, plan, target.handle, result).catch(() => undefined);
  return result;
}

/** Keeps the local cache in step with what an operation left on the host (the cache only says where to look). */
async function refreshCache(deps: ApplyDeps, plan: Plan, handle: HostHandle, result: ApplyResult): Promise<void> {
  const now = new Date(deps.clock.now());
  const removed = plan.steps.some((s) => s.recordChange?.kind === 'remove');
  if (result.status === 'succeeded' && removed) return uncacheRecord(deps.cacheDir, handle.name, plan.deployment, now);
  if (result.status === 'undone' && plan.kind === 'install') return uncacheRecord(deps.cacheDir, handle.name, plan.deployment, now);
  const written = plan.steps.find((s) => s.recordChange?.kind === 'write')?.recordChange;
  if (written?.kind === 'write') await cacheRecord(deps.cacheDir, { ...written.record, host: handle.name }, now);
}

/** A problem in words from an error a user can act on; anything else is a bug and rethrown. */
export function problemOf(error: unknown): { message: string; hint?: string } {
  if (!(error instanceof UserError || error instanceof CommandError)) throw error;
  return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}
