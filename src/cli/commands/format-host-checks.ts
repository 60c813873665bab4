import type { HostCheck } from '../../services/hosts/check-hosts.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { formatTable } from '../format-table.js';

/** `hosts check` as text: one row per host, then each failure with its hint. */
export function formatHostChecks(results: readonly HostCheck[]): string {
  const rows = results.map((r) => [
    r.host,
    r.ok ? 'ok' : statusOf(r),
    r.facts ? `${r.facts.os.id} ${r.facts.os.version}`.trim() : '',
    r.facts?.arch ?? '',
    r.facts?.cores ? String(r.facts.cores) : '',
    r.facts?.memory ? `${gib(r.facts.memory.availableBytes)}/${gib(r.facts.memory.totalBytes)}` : '',
    r.facts?.disk ? gib(r.facts.disk.availableBytes) : '',
    r.facts ? toolsOf(r.facts) : '',
  ]);
  const table = formatTable(['HOST', 'STATUS', 'OS', 'ARCH', 'CPU', 'MEM FREE', 'DISK FREE', 'TOOLS'], rows);
  const failures = results
    .filter((r) => r.error)
    // Connection errors already start with the host's name.
    .map((r) => `✗ ${r.host}: ${(r.error?.message ?? '').replace(`${r.host}: `, '')}${r.error?.hint ? `\n  hint: ${r.error.hint}` : ''}`);
  const accepted = results.filter((r) => r.hostKey === 'accepted').map((r) => `host key of ${r.host} accepted and remembered`);
  return [table, ...accepted, ...failures].join('\n');
}

function statusOf(r: HostCheck): string {
  if (!r.reachable) return 'unreachable';
  if (r.hostKey === 'unknown') return 'unknown host key';
  if (r.hostKey === 'changed') return 'HOST KEY CHANGED';
  if (r.hostKey === 'revoked') return 'host key revoked';
  if (r.auth === 'failed') return 'auth failed';
  return 'probe failed';
}

function toolsOf(facts: HostFacts): string {
  const names: string[] = [];
  const { docker, podman, pct, pvesh, k3s, kubectl } = facts.tools;
  if (docker) names.push(`docker ${docker.serverVersion ?? '(no daemon)'}`);
  if (podman) names.push(`podman ${podman.version ?? ''}`.trim());
  for (const c of facts.compose) names.push(`${c.flavour} ${c.version}`);
  if (pct || pvesh) names.push(`proxmox ${facts.proxmoxVersion ?? ''}`.trim());
  if (k3s) names.push(`k3s${k3s.server ? ' server' : ''}`);
  if (kubectl) names.push('kubectl');
  return names.join(', ') || '-';
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)}G`;
}
