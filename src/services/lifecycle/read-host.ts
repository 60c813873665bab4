import type { DeploymentStatus } from '../../providers/provider.js';
import { mapWithConcurrency } from '../../platform/concurrency.js';
import type { DeploymentRecord, OperationJournal } from '../../platform/deployments/deployment-record.js';
import { describeOwner, readLock } from '../../platform/operation/target-lock.js';
import type { DeploymentReading, HostReading } from '../fleet/fleet-reading.js';
import { actionTable } from './action-table.js';
import { listHostDeployments } from './find.js';
import type { HostHandle } from './host-access.js';
import { problemOf, type LifecycleDeps, type OpenDeployment } from './lifecycle.js';
import { showCommand } from '../../platform/show-command.js';
import { createReadingScope, type ReadingScope } from '../../platform/reading-scope.js';
import { hasSharedReads } from '../../providers/provider.js';
import { readHostCache } from './deployment-cache.js';
import { readHostResources, resourceWarnings, type Thresholds } from '../hosts/host-resources.js';
import { discoverUnmanaged } from '../adopt/discover.js';
import { withDatabaseLogin } from '../health/database-login-status.js';
import { certificateWarnings } from '../health/certificate-warnings.js';

const DEFAULT_THRESHOLDS: Thresholds = { diskFreePercent: 20, memoryUsedPercent: 80 };

function unknownStatus(record: DeploymentRecord, problem: { message: string; hint?: string }): DeploymentStatus {
  return { deployment: record.name, health: 'unknown', services: [], reason: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}

/** The status with its database login added; a check that cannot run is said in `database`, never fatal. */
async function withDatabase(check: NonNullable<LifecycleDeps['databaseLogin']>, deployment: OpenDeployment, status: DeploymentStatus): Promise<DeploymentStatus> {
  try {
    const login = await check(deployment);
    return login ? withDatabaseLogin(status, login) : status;
  } catch (error) {
    return { ...status, database: { ok: false, message: `the database login could not be checked: ${problemOf(error).message}` } };
  }
}

/** The status with the certificate of each of the deployment's HTTPS URLs (one that cannot be read says why). */
async function withCertificates(read: NonNullable<LifecycleDeps['certificate']>, deployment: OpenDeployment, status: DeploymentStatus): Promise<DeploymentStatus> {
  const urls = deployment.record.urls.filter((url) => url.startsWith('https://'));
  if (urls.length === 0) return status;
  // A LAN name this machine cannot resolve is served by the proxy: its host (another one, or the app's own).
  const proxyAddress = deployment.ctx.proxyHost?.address ?? deployment.handle.address;
  // Any failure is this URL's answer (never the host reading's): a name, a port, a handshake.
  const certificates = await Promise.all(urls.map((url) => read(url, proxyAddress).catch((error: unknown) => ({ url, error: error instanceof Error ? error.message : String(error) }))));
  return { ...status, certificates };
}

/** How far an operation got, in words: "install stopped at step 3/9 (Create the container)". */
export function journalProgress(journal: OperationJournal): string {
  const done = journal.steps.filter((s) => s.state === 'done').length;
  const running = journal.steps.find((s) => s.state === 'running');
  const at = running ?? journal.steps.find((s) => s.state === 'pending');
  return `${done}/${journal.steps.length} steps done${at ? `, stopped at "${at.title}"` : ''}`;
}

/**
 * The status of a deployment whose record holds a journal: in progress when its lock is held by a
 * live holder of that operation, else interrupted, with what was done and the commands that finish it.
 */
async function journalStatus(deps: LifecycleDeps, handle: HostHandle, record: DeploymentRecord, journal: OperationJournal): Promise<DeploymentStatus> {
  const lock = await readLock(handle.runner, record.name, deps.clock, deps.holder);
  const base = { deployment: record.name, services: [] };
  if (lock && !lock.stale && lock.owner?.id === journal.id) {
    return { ...base, health: 'unknown', reason: `${journal.kind} in progress: ${describeOwner(lock.owner)}; ${journalProgress(journal)}` };
  }
  return {
    ...base,
    health: 'interrupted',
    reason: `${journal.kind} ${journal.id} by ${journal.by.user}@${journal.by.machine} was interrupted: ${journalProgress(journal)}`,
    hint: `finish it: ${showCommand(['homelab-tui', 'resume', record.name, '--host', handle.name])}, or take it back: ${showCommand(['homelab-tui', 'undo', record.name, '--host', handle.name])}`,
  };
}

/**
 * The host-wide reads of the providers that had deployments on the host when it was last listed
 * (the local cache), started beside the listing of its records instead of after it: a k3s host's
 * `kubectl get` of every workload then runs while the records come. Only a head start: a provider
 * that has deployments there now still reads on its own when it was not started here.
 */
async function startSharedReads(deps: LifecycleDeps, host: string, reading: ReadingScope): Promise<void> {
  try {
    const providers = new Set((await readHostCache(deps.cacheDir, host))?.records.map((r) => r.provider) ?? []);
    if (providers.size === 0) return;
    const handle = await deps.hosts.open(host);
    const ctx = { runner: handle.runner, hostName: handle.name, hostAddress: handle.address, clock: deps.clock, ...(handle.facts ? { facts: handle.facts } : {}), reading };
    for (const id of providers) {
      const provider = deps.registry.entry(id).provider;
      if (hasSharedReads(provider)) provider.startSharedReads(ctx);
    }
  } catch {
    // No cache, a host that does not answer, a provider this build lacks: the reading goes on without a head start.
  }
}

/**
 * One host's deployments, each with its provider's status (one that cannot be read is unknown with
 * the reason; the others still show) and its action table, read `deps.concurrency` at a time.
 */
export async function readHostDeployments(deps: LifecycleDeps, host: string, open: (handle: HostHandle, record: DeploymentRecord) => Promise<OpenDeployment>): Promise<HostReading> {
  // One scope for this reading: a provider's host-wide read serves every deployment on the host.
  const reading = createReadingScope();
  void startSharedReads(deps, host, reading);
  const [listed] = await listHostDeployments(deps.hosts, [host], deps.cacheDir, deps.clock);
  if (!listed) return { host, deployments: [], broken: [] };
  const base = { host, broken: listed.broken, ...(listed.cachedAt ? { cachedAt: listed.cachedAt } : {}) };
  if (listed.error) {
    const problem = { message: `${host} did not answer: ${listed.error.message}`, ...(listed.error.hint ? { hint: listed.error.hint } : {}) };
    const deployments = listed.records.map((record): DeploymentReading => {
      const status = unknownStatus(record, problem);
      return { host, record, status, actions: actionTable({ provider: undefined, record, status, unreachable: problem.message }) };
    });
    return { ...base, error: listed.error, deployments };
  }
  const handle = await deps.hosts.open(host);
  // The host's figures are read beside the deployments (one command), over their data paths.
  const paths = [...new Set(['/', ...listed.records.flatMap((r) => (r.data ?? []).map((d) => d.path)), ...(handle.watchPaths ?? [])])];
  const figures = readHostResources(handle.runner, paths);
  // And what runs there with no record, beside them too.
  const discovered = discoverUnmanaged(deps.registry, handle, listed.records, deps.clock).catch(() => []);
  const read = async (record: DeploymentRecord): Promise<DeploymentReading> => {
    const opened = await open(handle, record);
    const deployment = { ...opened, ctx: { ...opened.ctx, reading } };
    const provider = deployment.entry?.provider;
    let status: DeploymentStatus;
    try {
      if (record.operation) status = await journalStatus(deps, handle, record, record.operation);
      else if (!provider) status = unknownStatus(record, { message: deployment.missing ?? `this build has no ${record.provider} provider`, ...(deployment.missingHint ? { hint: deployment.missingHint } : {}) });
      else status = await provider.status(deployment.ctx, record);
    } catch (error) {
      status = unknownStatus(record, problemOf(error));
    }
    if (deps.databaseLogin && provider && !record.operation && status.health !== 'stopped') status = await withDatabase(deps.databaseLogin, deployment, status);
    if (deps.certificate && status.health !== 'stopped') status = await withCertificates(deps.certificate, deployment, status);
    return { host, record, status, actions: actionTable({ provider, record, status, ...(deployment.missing ? { unreachable: deployment.missing } : {}) }) };
  };
  const deployments = await mapWithConcurrency(listed.records, deps.concurrency, read);
  const resources = await figures;
  const unmanaged = await discovered;
  const warnings = [...(resources ? resourceWarnings(host, resources, deps.thresholds ?? DEFAULT_THRESHOLDS) : []), ...certificateWarnings(deployments)];
  return { ...base, deployments, ...(unmanaged.length ? { unmanaged } : {}), ...(resources ? { resources } : {}), ...(warnings.length ? { warnings } : {}) };
}
