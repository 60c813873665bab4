import type { Clock } from '../../platform/clock.js';
import type { HealthCheck, HealthResult } from '../../platform/health/health-check.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectl } from './kubectl.js';
import { podsOf, readWorkloads } from './read-workloads.js';
import { podProblem, rolloutOf } from './rollout.js';
import type { AdoptedWorkload } from './refs.js';

/**
 * Done when every workload of the deployment (Deployment or StatefulSet) has rolled out by kubectl's
 * rules; fails at once on a Deployment's ProgressDeadlineExceeded.
 */
export function rolloutCheck(runner: CommandRunner, namespace: string, deployment: string, services: readonly string[], adopted?: readonly AdoptedWorkload[]): HealthCheck {
  return {
    describe: () => `rollout of the workloads ${services.join(', ')} in namespace ${namespace}`,
    async run(ctx): Promise<HealthResult> {
      const start = ctx.clock.now();
      const { workloads, pods } = await readWorkloads(runner, namespace, deployment, adopted);
      for (const service of services) {
        const d = workloads.find((x) => x.metadata.name === service);
        if (!d) return { ok: false, reason: `the workload ${service} (deployment or statefulset) is missing in namespace ${namespace}`, durationMs: ctx.clock.now() - start };
        const rollout = rolloutOf(d);
        if (rollout.state !== 'done') {
          const problem = podsOf(pods, service).map(podProblem).find((p) => p !== undefined);
          return {
            ok: false,
            reason: `${rollout.detail}${problem ? ` (${problem})` : ''}`,
            hint: `see the pods: kubectl get pods -n ${namespace}; the logs: homelab-tui logs ${deployment}`,
            durationMs: ctx.clock.now() - start,
            ...(rollout.state === 'failed' ? { output: 'ProgressDeadlineExceeded' } : {}),
          };
        }
      }
      return { ok: true, durationMs: ctx.clock.now() - start };
    },
  };
}

/** The app's own probe through the API server's Service proxy (`kubectl get --raw`), so it works wherever kubectl does. */
export function serviceProbeCheck(runner: CommandRunner, namespace: string, service: string, port: number, path: string, bodyContains?: string): HealthCheck {
  const raw = `/api/v1/namespaces/${namespace}/services/${service}:${port}/proxy${path.startsWith('/') ? path : `/${path}`}`;
  return {
    describe: () => `GET ${path} on service ${service}:${port} (namespace ${namespace}) through the API server`,
    async run(ctx: { clock: Clock; signal?: AbortSignal }): Promise<HealthResult> {
      const start = ctx.clock.now();
      const result = await runner.run({ ...kubectl(['get', '--raw', raw], { timeoutMs: 15_000 }), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const durationMs = ctx.clock.now() - start;
      if (result.exitCode !== 0) {
        const line = result.stderr.trim().split('\n').pop() ?? '';
        const said = /an error on the server \("(.*)"\) has prevented/.exec(line)?.[1];
        return { ok: false, reason: `probe ${path} failed${said ? `: ${said}` : `: ${line}`}`, hint: 'open the logs (homelab-tui logs NAME)', durationMs, output: line };
      }
      if (bodyContains !== undefined && !result.stdout.includes(bodyContains)) return { ok: false, reason: `probe ${path} answered without "${bodyContains}"`, durationMs, output: result.stdout.slice(0, 200) };
      return { ok: true, durationMs, output: result.stdout.slice(0, 200) };
    },
  };
}
