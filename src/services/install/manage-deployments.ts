import type { DeploymentStatus, LogLine, LogOptions, ProviderContext } from '../../providers/provider.js';
import { isRestartable } from '../../providers/provider.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { Clock } from '../../platform/clock.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply-plan.js';
import { uncacheRecord } from './deployment-cache.js';
import { findDeployment, listHostDeployments, type HostDeployments } from './find-deployments.js';
import type { HostAccess, HostHandle } from './host-access.js';

/** What managing existing deployments needs: hosts, providers, a clock and the local cache. */
export interface ManageDeps {
  hosts: HostAccess;
  registry: ProviderRegistry;
  clock: Clock;
  cacheDir: string;
}

/** A deployment found on its host, with a plan for it. */
export interface PreparedChange {
  handle: HostHandle;
  record: DeploymentRecord;
  plan: Plan;
}

function contextOf(handle: HostHandle, clock: Clock): ProviderContext {
  return { runner: handle.runner, hostName: handle.name, hostAddress: handle.address, clock };
}

/** Plans removing a deployment; its data stays unless `purge`. */
export async function prepareUninstall(deps: ManageDeps, name: string, options: { host?: string; purge: boolean }): Promise<PreparedChange> {
  const { handle, record } = await findDeployment(deps.hosts, name, { ...(options.host ? { host: options.host } : {}), cacheDir: deps.cacheDir, clock: deps.clock });
  const plan = await deps.registry.entry(record.provider).provider.planUninstall(contextOf(handle, deps.clock), record, { purge: options.purge });
  return { handle, record, plan };
}

/** Plans restarting a deployment or one service, where its provider can. */
export async function prepareRestart(deps: ManageDeps, name: string, options: { host?: string; service?: string }): Promise<PreparedChange> {
  const { handle, record } = await findDeployment(deps.hosts, name, { ...(options.host ? { host: options.host } : {}), cacheDir: deps.cacheDir, clock: deps.clock });
  const provider = deps.registry.entry(record.provider).provider;
  if (!isRestartable(provider)) throw new UserError(`${provider.label} deployments cannot be restarted by homelab-tui`);
  return { handle, record, plan: await provider.planRestart(contextOf(handle, deps.clock), record, options.service) };
}

/** One deployment's state on its host, or why it could not be read. */
export interface DeploymentRow {
  host: string;
  record: DeploymentRecord;
  status: DeploymentStatus;
}

/**
 * The state of every deployment on the given hosts. A host that does not answer contributes its
 * cached deployments as "unknown" with the reason, and its error in `hosts`.
 */
export async function readStatuses(deps: ManageDeps, hostNames: readonly string[]): Promise<{ rows: DeploymentRow[]; hosts: HostDeployments[] }> {
  const hosts = await listHostDeployments(deps.hosts, hostNames, deps.cacheDir, deps.clock);
  const rows = await Promise.all(
    hosts.flatMap((host) =>
      host.records.map(async (record): Promise<DeploymentRow> => {
        if (host.error) {
          const status: DeploymentStatus = { deployment: record.name, health: 'unknown', services: [], reason: `${host.host} did not answer: ${host.error.message}`, ...(host.error.hint ? { hint: host.error.hint } : {}) };
          return { host: host.host, record, status };
        }
        try {
          const handle = await deps.hosts.open(host.host);
          return { host: host.host, record, status: await deps.registry.entry(record.provider).provider.status(contextOf(handle, deps.clock), record) };
        } catch (error) {
          // One deployment that cannot be read (its provider is not in this build, its tool is gone)
          // is "unknown" with the reason; the others are still reported.
          if (!(error instanceof UserError || error instanceof CommandError)) throw error;
          const status: DeploymentStatus = { deployment: record.name, health: 'unknown', services: [], reason: error.message, ...(error.hint ? { hint: error.hint } : {}) };
          return { host: host.host, record, status };
        }
      }),
    ),
  );
  return { rows, hosts };
}

/** A deployment's logs (all services, or one), until the signal aborts when following. */
export async function deploymentLogs(deps: ManageDeps, name: string, options: LogOptions & { host?: string }): Promise<AsyncIterable<LogLine>> {
  const { handle, record } = await findDeployment(deps.hosts, name, { ...(options.host ? { host: options.host } : {}), cacheDir: deps.cacheDir, clock: deps.clock });
  return deps.registry.entry(record.provider).provider.logs(contextOf(handle, deps.clock), record, options);
}

/** Applies an uninstall and, when it succeeded, forgets the deployment in the local cache. */
export async function applyUninstall(prepared: PreparedChange, deps: Pick<ManageDeps, 'clock' | 'cacheDir'>, options: ApplyOptions): Promise<ApplyResult> {
  const result = await applyPlan(prepared.plan, prepared.handle, deps.clock, options);
  if (result.status === 'succeeded') await uncacheRecord(deps.cacheDir, prepared.handle.name, prepared.record.name, new Date(deps.clock.now()));
  return result;
}
