import type { Clock } from '../../platform/clock.js';
import type { HealthCheck } from '../../platform/health/health-check.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ContainerEngine } from './compose-host.js';
import { readContainers } from './read-containers.js';
import { problemOf, serviceStatuses } from './service-status.js';
import { showCommand } from '../../platform/show-command.js';

/**
 * Healthy when every service of the project has a running container whose healthcheck passes (or
 * that has none). Reads the engine by labels; on Podman it runs the checks itself.
 */
export function containersHealthyCheck(options: { runner: CommandRunner; engine: ContainerEngine; project: string; services: readonly string[]; deployment: string; clock: Clock; main?: string }): HealthCheck {
  const { runner, engine, project, services } = options;
  return {
    describe: () => `every container of ${project} (${services.join(', ')}) runs and is healthy (${engine} inspect on ${runner.host})`,
    run: async (ctx) => {
      const start = ctx.clock.now();
      const containers = await readContainers(runner, engine, project, { runHealthchecks: true, now: options.clock.now(), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const statuses = serviceStatuses(services, containers);
      const output = statuses.map((s) => `${s.name}: ${s.state}${s.health !== 'none' ? `, ${s.health}` : ''}`).join('; ');
      const durationMs = ctx.clock.now() - start;
      const problems = statuses.flatMap((s) => {
        const problem = problemOf(s, containers.find((c) => c.service === s.name), `read its logs: ${showCommand(['homelab-tui', 'logs', options.deployment, s.name])}`, options.main);
        return problem ? [problem] : [];
      });
      if (problems.length === 0) return { ok: true, output, durationMs };
      return { ok: false, reason: problems.map((p) => p.reason).join('; '), hint: problems[0]?.hint ?? 'read the logs', output, durationMs };
    },
  };
}
