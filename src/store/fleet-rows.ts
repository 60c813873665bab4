import type { ServiceStatus } from '../providers/provider.js';
import type { DeploymentReading, DeploymentRef } from '../services/fleet/fleet-reading.js';
import type { UnmanagedWorkload } from '../services/fleet/fleet-reading.js';
import { deploymentLevel, judgeService, LEVEL_RANK, type ServiceVerdict, type VerdictLevel } from '../services/fleet/service-verdict.js';
import { compileLogFilter } from '../services/logs/log-filter.js';
import type { AppState } from './app-store.js';
import type { FleetView, HostFleet } from './fleet-slice.js';
import type { HostSummary } from './hosts-slice.js';

/** A group heading: a host (with its connection) or a health level. */
export interface GroupRow {
  kind: 'group';
  id: string;
  label: string;
  /** Set when grouping by host. */
  host?: string;
  count: number;
}

/** A deployment line. `showHost` when the grouping does not already say which host. */
export interface DeploymentRow {
  kind: 'deployment';
  id: string;
  ref: DeploymentRef;
  reading: DeploymentReading;
  level: VerdictLevel;
  showHost: boolean;
}

/** A service line under its deployment. */
export interface ServiceRow {
  kind: 'service';
  id: string;
  ref: DeploymentRef;
  service: ServiceStatus;
  verdict: ServiceVerdict;
}

/** Something running on a host with no record (a compose project started by hand): listed, adoptable. */
export interface UnmanagedRow {
  kind: 'unmanaged';
  id: string;
  host: string;
  workload: UnmanagedWorkload;
  showHost: boolean;
}

/** One line of the fleet list. */
export type FleetRow = GroupRow | DeploymentRow | ServiceRow | UnmanagedRow;

const GROUP_LABELS: Record<VerdictLevel, string> = {
  bad: 'Unhealthy',
  unknown: 'Unknown',
  warn: 'Degraded',
  starting: 'Starting',
  off: 'Stopped',
  ok: 'Healthy',
  done: 'Completed',
};

function restartsOf(d: DeploymentReading): number {
  return d.status.services.reduce((sum, s) => sum + (s.restarts ?? 0), 0);
}

function newestStart(d: DeploymentReading): number {
  return Math.max(0, ...d.status.services.map((s) => (s.startedAt ? Date.parse(s.startedAt) || 0 : 0)));
}

function compare(sort: FleetView['sort']): (a: DeploymentReading, b: DeploymentReading) => number {
  const byName = (a: DeploymentReading, b: DeploymentReading) => a.record.name.localeCompare(b.record.name) || a.host.localeCompare(b.host);
  switch (sort) {
    case 'health':
      return (a, b) => LEVEL_RANK[deploymentLevel(a.status.health)] - LEVEL_RANK[deploymentLevel(b.status.health)] || byName(a, b);
    case 'restarts':
      return (a, b) => restartsOf(b) - restartsOf(a) || byName(a, b);
    case 'uptime':
      return (a, b) => newestStart(b) - newestStart(a) || byName(a, b);
    default:
      return byName;
  }
}

/** The deployment and the services to list for it under the filter, or undefined when none match. */
function filtered(d: DeploymentReading, test: (text: string) => boolean): { services: ServiceStatus[] } | undefined {
  const own = [d.host, d.record.name, d.record.app, d.record.provider, d.status.health, d.status.reason ?? ''].join(' ');
  if (test(own)) return { services: d.status.services };
  const services = d.status.services.filter((s) => test(`${s.name} ${s.state} ${judgeService(s).label}`));
  return services.length > 0 ? { services } : undefined;
}

function deploymentLines(d: DeploymentReading, services: ServiceStatus[], showHost: boolean): FleetRow[] {
  const ref = { host: d.host, name: d.record.name };
  const id = `d:${d.host}/${d.record.name}`;
  return [
    { kind: 'deployment', id, ref, reading: d, level: deploymentLevel(d.status.health), showHost },
    ...services.map((service): ServiceRow => ({ kind: 'service', id: `s:${d.host}/${d.record.name}/${service.name}`, ref, service, verdict: judgeService(service) })),
  ];
}

function unmanagedLines(host: string, workloads: readonly UnmanagedWorkload[] | undefined, test: (text: string) => boolean, showHost: boolean): UnmanagedRow[] {
  return (workloads ?? [])
    .filter((w) => test(`${host} ${w.name} ${w.provider} unmanaged ${w.summary}`))
    .map((workload) => ({ kind: 'unmanaged', id: `u:${host}/${workload.provider}/${workload.name}`, host, workload, showHost }));
}

const hostLines = new WeakMap<HostFleet, { key: string; lines: FleetRow[] }>();

/**
 * The fleet as list lines (pure): grouped by host (every inventory host, even before its first
 * answer) or by health, deployments sorted, services under them, all narrowed by the `/` filter.
 */
export function buildFleetRows(hosts: readonly HostSummary[], fleet: Readonly<Record<string, HostFleet>>, view: FleetView): FleetRow[] {
  const filter = view.filter ? compileLogFilter(view.filter) : undefined;
  const test = (text: string) => !filter || filter.test(text);
  const order = compare(view.sort);
  const rows: FleetRow[] = [];
  if (view.group === 'host') {
    const key = `${view.filter}\u0000${view.sort}`;
    for (const host of hosts) {
      const entry = fleet[host.name];
      // A host whose answer did not change keeps its lines: a refresh of one host rebuilds one host.
      const cached = entry ? hostLines.get(entry) : undefined;
      let lines = cached?.key === key ? cached.lines : undefined;
      if (!lines) {
        lines = [
          ...[...(entry?.reading.deployments ?? [])].sort(order).flatMap((d) => {
            const match = filtered(d, test);
            return match ? deploymentLines(d, match.services, false) : [];
          }),
          ...unmanagedLines(host.name, entry?.reading.unmanaged, test, false),
        ];
        if (entry) hostLines.set(entry, { key, lines });
      }
      if (filter && lines.length === 0 && !test(`${host.name} ${host.address}`)) continue;
      const count = lines.filter((l) => l.kind === 'deployment').length;
      rows.push({ kind: 'group', id: `h:${host.name}`, label: host.name, host: host.name, count }, ...lines);
    }
    return rows;
  }
  const all = hosts.flatMap((h) => fleet[h.name]?.reading.deployments ?? []);
  const byLevel = new Map<VerdictLevel, FleetRow[]>();
  for (const d of [...all].sort(order)) {
    const match = filtered(d, test);
    if (!match) continue;
    const level = deploymentLevel(d.status.health);
    byLevel.set(level, [...(byLevel.get(level) ?? []), ...deploymentLines(d, match.services, true)]);
  }
  for (const level of [...byLevel.keys()].sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b])) {
    const lines = byLevel.get(level) ?? [];
    rows.push({ kind: 'group', id: `g:${level}`, label: GROUP_LABELS[level], count: lines.filter((l) => l.kind === 'deployment').length }, ...lines);
  }
  const unmanaged = hosts.flatMap((h) => unmanagedLines(h.name, fleet[h.name]?.reading.unmanaged, test, true));
  if (unmanaged.length) rows.push({ kind: 'group', id: 'g:unmanaged', label: 'Unmanaged', count: unmanaged.length }, ...unmanaged);
  return rows;
}

let memo: { hosts: unknown; fleet: unknown; view: unknown; rows: FleetRow[] } | undefined;

/** What a row shows, to tell a refreshed row that did not change from one that did. */
function contentOf(row: FleetRow): string {
  switch (row.kind) {
    case 'group':
      return `${row.label}|${row.count}`;
    case 'deployment':
      return JSON.stringify([row.reading.status, row.reading.record.version, row.reading.record.urls, row.reading.actions, row.showHost]);
    case 'unmanaged':
      return JSON.stringify([row.workload, row.showHost]);
    default:
      return JSON.stringify(row.service);
  }
}

/**
 * Keeps the previous object of every row whose content did not change, so a refresh of one host that
 * changes one service re-renders one line (the list's lines are memoized on their row).
 */
function reuseRows(previous: readonly FleetRow[], next: FleetRow[]): FleetRow[] {
  const old = new Map(previous.map((row) => [row.id, row]));
  return next.map((row) => {
    const before = old.get(row.id);
    if (!before || before.kind !== row.kind) return row;
    // The same reading object means the same content; only rows of a refreshed host are compared.
    const same =
      (row.kind === 'deployment' && before.kind === 'deployment' && row.reading === before.reading && row.showHost === before.showHost) ||
      (row.kind === 'service' && before.kind === 'service' && row.service === before.service) ||
      contentOf(row) === contentOf(before);
    return same ? before : row;
  });
}

/** The rows for the current state, rebuilt only when hosts, answers or view settings change. */
export function fleetRows(state: Pick<AppState, 'hosts' | 'fleet' | 'fleetView'>): FleetRow[] {
  const view = state.fleetView;
  if (memo && memo.hosts === state.hosts && memo.fleet === state.fleet && sameView(memo.view as FleetView, view)) return memo.rows;
  const built = buildFleetRows(state.hosts, state.fleet, view);
  const rows = memo ? reuseRows(memo.rows, built) : built;
  memo = { hosts: state.hosts, fleet: state.fleet, view, rows };
  return rows;
}

// The selection is part of the view but does not change the rows.
function sameView(a: FleetView, b: FleetView): boolean {
  return a.filter === b.filter && a.sort === b.sort && a.group === b.group;
}

/** The selected row: the one with the selected id, else the first. */
export function selectedRow(state: Pick<AppState, 'hosts' | 'fleet' | 'fleetView'>): { row: FleetRow | undefined; index: number } {
  const rows = fleetRows(state);
  const index = Math.max(0, rows.findIndex((r) => r.id === state.fleetView.selectedId));
  return { row: rows[index], index };
}
