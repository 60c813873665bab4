import { probeAnsweredBadly, probeProblem, type HealthResult } from '../../platform/health/health-check.js';
import type { DeploymentStatus, ServiceState, ServiceStatus } from '../provider.js';
import type { ContainerState } from './parse-containers.js';
import { showCommand } from '../../platform/show-command.js';

const STATES: Record<string, ServiceState> = {
  running: 'running',
  restarting: 'restarting',
  paused: 'paused',
  exited: 'exited',
  // podman's word for exited; `created` was never started.
  stopped: 'exited',
  created: 'stopped',
  dead: 'dead',
};

/** One line per expected service (missing ones too) plus any other container of the project (pure). */
export function serviceStatuses(expected: readonly string[], containers: readonly ContainerState[]): ServiceStatus[] {
  const names = [...expected, ...containers.map((c) => c.service).filter((s) => !expected.includes(s))];
  return [...new Set(names)].map((name) => {
    const container = containers.find((c) => c.service === name);
    if (!container) return { name, state: 'missing', health: 'none' };
    const state = container.restarting ? 'restarting' : (STATES[container.status] ?? 'unknown');
    const version = container.labels['org.opencontainers.image.version'] ?? tagOf(container.image);
    return {
      name,
      state,
      health: container.health,
      ...(state !== 'running' ? { exitCode: container.exitCode } : {}),
      restarts: container.restartCount,
      ...(container.startedAt ? { startedAt: container.startedAt } : {}),
      image: container.image,
      ...(version ? { version } : {}),
    };
  });
}

function tagOf(image: string): string | undefined {
  const name = image.split('@')[0] ?? image;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}

const MEMORY_HINT = "raise memory: the service's memory limit or the host's RAM (dmesg shows out-of-memory kills)";

/**
 * A service's problem in plain words, with what to do; undefined when it is fine. A service other
 * than `main` that exited 0 is a one-shot job that finished (a migration, an init step): fine.
 */
export function problemOf(service: ServiceStatus, container: ContainerState | undefined, logsHint: string, main?: string): { reason: string; hint: string } | undefined {
  const name = service.name;
  switch (service.state) {
    case 'missing':
      return { reason: `${name} has no container`, hint: 'start the deployment again (compose up -d in its project directory)' };
    case 'restarting': {
      const restarts = `${service.restarts ?? 0} restarts so far`;
      if (container?.oomKilled || service.exitCode === 137) return { reason: `${name} keeps restarting: out of memory (exit 137), ${restarts}`, hint: MEMORY_HINT };
      const exit = service.exitCode ? `: it exits with code ${service.exitCode}` : '';
      return { reason: `${name} keeps restarting${exit} (${restarts})`, hint: logsHint };
    }
    case 'paused':
      return { reason: `${name} is paused`, hint: 'unpause it with docker/podman unpause' };
    case 'running':
      if (service.health === 'unhealthy') {
        return { reason: `${name} is unhealthy${container?.lastCheckOutput ? `: ${firstLine(container.lastCheckOutput)}` : ''}`, hint: logsHint };
      }
      if (service.health === 'starting') {
        const said = container?.lastCheckOutput ? ` (its healthcheck says: ${firstLine(container.lastCheckOutput)})` : '';
        return { reason: `${name} is still starting${said}`, hint: 'give it a minute; if it stays so, read its logs' };
      }
      return undefined;
    default:
      if (service.state === 'exited' && (service.exitCode ?? 0) === 0 && main !== undefined && name !== main) return undefined;
      return exitProblem(name, service.exitCode ?? 0, container, logsHint);
  }
}

function exitProblem(name: string, code: number, container: ContainerState | undefined, logsHint: string): { reason: string; hint: string } {
  if (container?.oomKilled) return { reason: `${name} ran out of memory and the kernel killed it`, hint: MEMORY_HINT };
  if (code === 137) return { reason: `${name} was killed (exit 137, SIGKILL): most often it ran out of memory`, hint: 'check the host\'s memory (dmesg shows out-of-memory kills), or whether someone killed it' };
  if (code === 143) return { reason: `${name} was stopped (exit 143, SIGTERM)`, hint: 'start it again' };
  if (code === 0) return { reason: `${name} is stopped (it exited normally)`, hint: 'start it again' };
  return { reason: `${name} exited with code ${code}${container?.error ? `: ${container.error}` : ''}`, hint: logsHint };
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 160) ?? '';
}

/**
 * The deployment's verdict: healthy when every service runs (healthy or without a check) and the
 * app's probe passes; stopped when nothing runs and everything stopped cleanly; unhealthy when the
 * main service or the probe fails; degraded otherwise. Reasons name each failing service.
 */
export function judgeDeployment(
  deployment: string,
  main: string,
  services: ServiceStatus[],
  containers: readonly ContainerState[],
  probe?: HealthResult,
): DeploymentStatus {
  const logsHint = (service: string) => `read its logs: ${showCommand(['homelab-tui', 'logs', deployment, service])}`;
  const problems = services.flatMap((s) => {
    const problem = problemOf(s, containers.find((c) => c.service === s.name), logsHint(s.name), main);
    return problem ? [{ service: s.name, ...problem }] : [];
  });
  const base = { deployment, services, ...(probe ? { probe } : {}) };
  if (problems.length === 0 && (probe === undefined || probe.ok)) return { ...base, health: 'healthy' };
  const running = services.some((s) => s.state === 'running' || s.state === 'restarting');
  const clean = services.every((s) => s.state === 'stopped' || ((s.state === 'exited' || s.state === 'dead') && [0, 143].includes(s.exitCode ?? -1)));
  // The app answered its probe with an error (HTTP 500): it has started and is failing, whatever its
  // container's healthcheck still calls its start period, so that is what is said, first.
  const answeredBadly = running && probeAnsweredBadly(probe);
  const shown = answeredBadly ? problems.filter((p) => !(p.service === main && services.find((s) => s.name === main)?.health === 'starting')) : problems;
  const reasons = shown.map((p) => p.reason);
  if (answeredBadly) reasons.unshift(probeProblem(probe));
  else if (probe && !probe.ok && running) reasons.push(probe.reason ?? 'the app does not answer its probe');
  const hint = answeredBadly ? probe.hint : (problems[0]?.hint ?? probe?.hint);
  const verdict = { ...base, reason: reasons.join('; '), ...(hint ? { hint } : {}) };
  if (!running) return { ...verdict, health: clean ? 'stopped' : 'unhealthy' };
  const mainBad = problems.some((p) => p.service === main && services.find((s) => s.name === main)?.health !== 'starting');
  return { ...verdict, health: mainBad || (probe !== undefined && !probe.ok) ? 'unhealthy' : 'degraded' };
}
