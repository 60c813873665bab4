import type { DeploymentReading, HostReading } from '../services/fleet/fleet-reading.js';
import { timeLeftWords } from '../services/health/certificate-warnings.js';
import { formatTable } from './format-table.js';
import { formatDuration, uptimeSeconds } from './uptime.js';

/** Deployments as a table, then each problem with its hint, then hosts that did not answer. */
export function formatStatus(hosts: readonly HostReading[], now: number): string {
  const rows: DeploymentReading[] = hosts.flatMap((h) => h.deployments);
  if (rows.length === 0 && hosts.every((h) => !h.error && !h.warnings?.length && !h.unmanaged?.length)) return 'no deployments';
  const table = formatTable(
    ['HOST', 'NAME', 'APP', 'VERSION', 'PROVIDER', 'HEALTH', 'SERVICES'],
    rows.map(({ host, record, status }) => [
      host,
      record.name,
      record.app,
      record.version,
      record.provider,
      status.health,
      status.services
        .map((s) => {
          const up = uptimeSeconds(s, now);
          return `${s.name}:${s.state}${s.health !== 'none' ? `/${s.health}` : ''}${up !== undefined ? ` up ${formatDuration(up)}` : ''}${s.restarts ? ` (${s.restarts} restarts)` : ''}`;
        })
        .join(', '),
    ]),
  );
  const problems = rows
    .filter((r) => r.status.health !== 'healthy' && r.status.reason)
    .map((r) => `${r.record.name} on ${r.host}: ${r.status.reason}${r.status.hint ? `\n  hint: ${r.status.hint}` : ''}`);
  const down = hosts.filter((h) => h.error).map((h) => `${h.host} did not answer: ${h.error?.message ?? ''}${h.cachedAt ? ` (deployments as cached at ${h.cachedAt})` : ''}${h.error?.hint ? `\n  hint: ${h.error.hint}` : ''}`);
  const warned = hosts.flatMap((h) => (h.warnings ?? []).map((w) => `warning: ${w.message}${w.hint ? `\n  hint: ${w.hint}` : ''}`));
  const certificates = rows.flatMap((r) =>
    (r.status.certificates ?? []).map((c) => `${r.record.name} on ${r.host}: certificate of ${c.url}: ${'error' in c ? `cannot read it: ${c.error}` : `${timeLeftWords(c)}${c.readAt ? ` (read at ${c.readAt}: the name does not resolve here)` : ''}`}`),
  );
  const broken = hosts.flatMap((h) => h.broken.map((b) => `${h.host}: unreadable record ${b.path}: ${b.problem}`));
  const unmanaged = hosts.flatMap((h) => (h.unmanaged ?? []).map((u) => `unmanaged on ${h.host}: ${u.name}: ${u.summary}\n  hint: ${u.hint}`));
  const notes = [...problems, ...down, ...certificates, ...warned, ...broken, ...unmanaged];
  return [...(rows.length ? [table] : []), ...(rows.length && notes.length ? [''] : []), ...notes].join('\n');
}
