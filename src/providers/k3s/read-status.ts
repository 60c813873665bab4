import { probeProblem } from '../../platform/health/health-check.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { ReadingScope } from '../../platform/reading-scope.js';
import type { DeploymentStatus, ProviderContext, ServiceStatus } from '../provider.js';
import type { HealthResult } from '../../platform/health/health-check.js';
import type { K8sPod, K8sWorkload } from './objects.js';
import { podsOf, readWorkloads, readWorkloadsShared, workloadsOfReading } from './read-workloads.js';
import { readNamespacePodMetrics, readPodMetricsShared, type PodMetrics } from './pod-metrics.js';
import { k3sRefs, type K3sRefs } from './refs.js';
import { podProblem, rolloutOf } from './rollout.js';

function serviceStatus(name: string, workload: K8sWorkload | undefined, pods: readonly K8sPod[]): ServiceStatus {
  if (!workload) return { name, state: 'missing', health: 'none' };
  const desired = workload.spec.replicas ?? 1;
  if (desired === 0) return { name, state: 'stopped', health: 'none' };
  const statuses = pods.flatMap((p) => p.status?.containerStatuses ?? []);
  const running = statuses.filter((c) => c.state?.running);
  const ready = statuses.filter((c) => c.ready);
  const crashing = statuses.some((c) => c.state?.waiting?.reason === 'CrashLoopBackOff');
  const restarts = statuses.reduce((n, c) => n + c.restartCount, 0);
  const started = running.map((c) => c.state?.running?.startedAt).find((s) => s !== undefined);
  return {
    name,
    state: crashing ? 'restarting' : running.length > 0 ? 'running' : 'starting',
    health: ready.length >= desired ? 'healthy' : rolloutOf(workload).state === 'failed' || crashing ? 'unhealthy' : 'starting',
    restarts,
    image: workload.spec.template.spec.containers[0]?.image ?? '',
    ...(started ? { startedAt: started } : {}),
  };
}

/** A service's CPU and memory: the sum over its running pods' figures, when metrics-server gave any. */
function withFigures(service: ServiceStatus, pods: readonly K8sPod[], figures: readonly PodMetrics[]): ServiceStatus {
  const mine = figures.filter((f) => pods.some((p) => p.metadata.name === f.pod));
  if (mine.length === 0 || service.state !== 'running') return service;
  return { ...service, cpuPercent: mine.reduce((n, f) => n + f.cpuPercent, 0), memoryBytes: mine.reduce((n, f) => n + f.memoryBytes, 0) };
}

/**
 * The app's probe as the kubelet runs it: the workload's readinessProbe is the recipe's probe (same
 * path and port), so a ready pod answered it within its period (5 s). Status reads it from the one
 * shared read of the host's pods instead of one `kubectl get --raw` through the Service per
 * deployment (50 deployments: 50 kubectl calls, seconds); the gates of install, update and restart
 * still probe through the Service, body included.
 */
function readinessProbe(refs: K3sRefs, pods: readonly K8sPod[]): HealthResult | undefined {
  if (pods.length === 0) return undefined;
  const what = refs.probePath !== undefined ? `GET ${refs.probePath} on port ${refs.probePort}` : `TCP port ${refs.probePort}`;
  const ready = pods.find((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  if (ready) return { ok: true, output: `readiness probe (${what}) passes on pod ${ready.metadata.name}`, durationMs: 0 };
  return { ok: false, reason: `readiness probe (${what}) does not pass on any pod of ${refs.probeService}`, hint: `kubectl describe pods -n ${refs.namespace} -l app.kubernetes.io/component=${refs.probeService}`, durationMs: 0 };
}

/**
 * A k3s deployment's state: each workload by kubectl's rollout rules and its pods (with the reason
 * when red: image pull, crash loop, Pending with the scheduler's message), and the app's probe as
 * the pods' readiness. A cluster kubectl cannot reach is "unknown" with the reason.
 */
export async function readK3sStatus(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus> {
  const refs = k3sRefs(record);
  let read;
  // Started beside the workloads' read; figures are a nicety (none when metrics-server is not there).
  const metrics = refs.adopted ? readNamespacePodMetrics(ctx.runner, refs.namespace) : readPodMetricsShared(ctx.runner, ctx.clock, ctx.reading);
  try {
    // An adopted workload carries none of homelab-tui's labels, so the host's shared read does not hold it.
    read = refs.adopted ? await readWorkloads(ctx.runner, refs.namespace, record.name, refs.adopted) : await readWorkloadsShared(ctx.runner, ctx.clock, refs.namespace, record.name, ctx.reading);
  } catch (error) {
    if (error instanceof UserError || error instanceof CommandError) return { deployment: record.name, health: 'unknown', services: [], reason: error.message, hint: error.hint ?? 'on the host: kubectl get nodes' };
    throw error;
  }
  const figures = (await metrics).filter((m) => m.namespace === refs.namespace);
  const services = refs.serviceList.map((s) => withFigures(serviceStatus(s, read.workloads.find((w) => w.metadata.name === s), podsOf(read.pods, s)), podsOf(read.pods, s), figures));
  const problem = read.pods.map(podProblem).find((p) => p !== undefined);
  const missing = services.filter((s) => s.state === 'missing').map((s) => s.name);
  if (missing.length === services.length) return { deployment: record.name, health: 'stopped', services, reason: `no workloads in namespace ${refs.namespace}`, hint: `kubectl get deployments,statefulsets -n ${refs.namespace}` };
  const unhealthy = services.filter((s) => s.health !== 'healthy');
  // An adopted workload's Service may have another name than the workload its pods are tagged with.
  const probe = readinessProbe(refs, podsOf(read.pods, refs.adopted ? refs.main : refs.probeService));
  const base = { deployment: record.name, services, ...(probe ? { probe } : {}) };
  if (missing.length > 0) return { ...base, health: 'degraded', reason: `missing workloads: ${missing.join(', ')}`, hint: 'reinstall, or uninstall it' };
  if (unhealthy.length > 0) {
    const mainDown = unhealthy.some((s) => s.name === refs.main);
    return { ...base, health: mainDown ? 'unhealthy' : 'degraded', reason: problem ?? `${unhealthy.map((s) => s.name).join(', ')} not ready`, hint: `homelab-tui logs ${record.name}` };
  }
  if (probe && !probe.ok) return { ...base, health: 'unhealthy', reason: probeProblem(probe), hint: probe.hint ?? `homelab-tui logs ${record.name}` };
  return { ...base, health: 'healthy' };
}

/** Starts the two reads every k3s status of a host reading shares (the workloads, metrics-server's figures), before the records are listed. */
export function startK3sSharedReads(ctx: ProviderContext & { reading: ReadingScope }): void {
  void readPodMetricsShared(ctx.runner, ctx.clock, ctx.reading);
  workloadsOfReading(ctx.runner, ctx.reading).catch(() => undefined);
}
