import type { DeploymentStatus, ServiceStatus } from '../../providers/provider.js';

/**
 * How a service reads at a glance. `done` is a one-shot job that finished fine (exit 0): it is not a
 * failure and never counts against the deployment. `off` was stopped on purpose (exit 143, stopped).
 */
export type VerdictLevel = 'ok' | 'done' | 'starting' | 'off' | 'warn' | 'bad' | 'unknown';

/** One service's verdict: a short label for the table, and a reason and hint when it is not fine. */
export interface ServiceVerdict {
  level: VerdictLevel;
  label: string;
  reason?: string;
  hint?: string;
}

const LOGS_HINT = 'read its logs (l)';

/** Exit codes that name their cause: 137 is SIGKILL (most often the kernel's out-of-memory killer). */
function exitCause(code: number): { words: string; hint: string } | undefined {
  if (code === 137) return { words: 'out of memory (exit 137)', hint: 'raise memory: the service\'s memory limit or the host\'s RAM (dmesg shows out-of-memory kills)' };
  if (code === 139) return { words: 'crashed (exit 139, segmentation fault)', hint: LOGS_HINT };
  if (code === 126 || code === 127) return { words: `its command cannot run (exit ${code})`, hint: 'check the image and its command' };
  return undefined;
}

/** Judges one service from what its provider read (pure). */
export function judgeService(service: ServiceStatus): ServiceVerdict {
  const code = service.exitCode;
  switch (service.state) {
    case 'running':
      if (service.health === 'unhealthy') return { level: 'bad', label: 'unhealthy', reason: `${service.name} fails its health check`, hint: LOGS_HINT };
      if (service.health === 'starting') return { level: 'starting', label: 'starting' };
      return { level: 'ok', label: service.health === 'healthy' ? 'healthy' : 'running' };
    case 'starting':
      return { level: 'starting', label: 'starting' };
    case 'restarting': {
      const cause = code !== undefined && code !== 0 ? exitCause(code) : undefined;
      const restarts = service.restarts ? ` (${service.restarts} restarts)` : '';
      if (cause) return { level: 'bad', label: 'restarting', reason: `container restarting: ${cause.words}${restarts}`, hint: cause.hint };
      const exit = code !== undefined && code !== 0 ? `: exits with code ${code} each time` : '';
      return { level: 'bad', label: 'restarting', reason: `container restarting${exit}${restarts}`, hint: LOGS_HINT };
    }
    case 'exited':
    case 'dead': {
      if (code === 0 && service.state === 'exited') return { level: 'done', label: 'completed' };
      if (code === 143) return { level: 'off', label: 'stopped', reason: `${service.name} was stopped (SIGTERM)`, hint: 'start it again' };
      const cause = code !== undefined ? exitCause(code) : undefined;
      if (cause) return { level: 'bad', label: code === 137 ? 'killed' : 'exited', reason: `${service.name} ended: ${cause.words}`, hint: cause.hint };
      return { level: 'bad', label: code !== undefined ? `exited ${code}` : service.state, reason: `${service.name} ${service.state === 'dead' ? 'is dead' : `exited with code ${code ?? '?'}`}`, hint: LOGS_HINT };
    }
    case 'stopped':
      return { level: 'off', label: 'stopped', reason: `${service.name} is stopped`, hint: 'start it again' };
    case 'paused':
      return { level: 'warn', label: 'paused', reason: `${service.name} is paused`, hint: 'unpause it' };
    case 'missing':
      return { level: 'bad', label: 'missing', reason: `${service.name} has no container or guest`, hint: 'start the deployment again' };
    default:
      return { level: 'unknown', label: 'unknown' };
  }
}

/** A deployment's verdict level from its provider's word, for colours, sorting and the status exit code. */
export function deploymentLevel(health: DeploymentStatus['health']): VerdictLevel {
  switch (health) {
    case 'healthy':
      return 'ok';
    case 'degraded':
      return 'warn';
    case 'unhealthy':
      return 'bad';
    case 'stopped':
      return 'off';
    default:
      return 'unknown';
  }
}

/** Worst first: the order the dashboard sorts and groups by health. */
export const LEVEL_RANK: Record<VerdictLevel, number> = { bad: 0, unknown: 1, warn: 2, starting: 3, off: 4, ok: 5, done: 6 };
