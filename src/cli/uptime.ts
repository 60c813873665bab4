import type { ServiceStatus } from '../providers/provider.js';

/** Seconds a running service has been up, from its start time; undefined when it is not running. */
export function uptimeSeconds(service: ServiceStatus, now: number): number | undefined {
  if (service.state !== 'running' || !service.startedAt) return undefined;
  const started = Date.parse(service.startedAt);
  return Number.isFinite(started) ? Math.max(0, Math.floor((now - started) / 1000)) : undefined;
}

/** `45s`, `12m`, `3h`, `5d`: the largest whole unit. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}
