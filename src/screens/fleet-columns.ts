import { shortBytes, uptimeOf } from '../services/fleet/units.js';
import type { DeploymentRow, ServiceRow } from '../store/fleet-rows.js';

type ServiceStatus = ServiceRow['service'];

/** Column widths for a terminal width; narrow terminals drop CPU and memory, then version. */
export interface Columns {
  name: number;
  state: number;
  health: number;
  version: number;
  uptime: number;
  restarts: number;
  cpu: number;
  memory: number;
}

const layouts = new Map<number, Columns>();

/**
 * The column layout for a terminal width, computed once per width: the same object on every render,
 * so the memoized list lines whose rows did not change are not drawn again.
 */
export function columnsFor(width: number): Columns {
  let cols = layouts.get(width);
  if (!cols) {
    cols = Object.freeze(layoutFor(width));
    layouts.set(width, cols);
  }
  return cols;
}

/**
 * The name column stops at 48 characters: on a wide terminal the other columns stay next to the
 * name they belong to (as `docker ps` and k9s keep them), and Ink does not tokenize a hundred
 * padding spaces per line on every frame (at 160×50 a frame went from 6,661 to 4,703 bytes).
 */
const NAME_MAX = 48;

function layoutFor(width: number): Columns {
  // Two for the selection marker, two for the frame's padding.
  const room = width - 4;
  const wide = { state: 11, health: 12, version: 9, uptime: 7, restarts: 5, cpu: 6, memory: 7 };
  const fixed = (c: typeof wide) => Object.values(c).reduce((a, b) => a + b, 0);
  let cols = wide;
  if (room - fixed(cols) < 18) cols = { ...cols, cpu: 0, memory: 0 };
  if (room - fixed(cols) < 14) cols = { ...cols, version: 0 };
  return { name: Math.min(NAME_MAX, Math.max(8, room - fixed(cols))), ...cols };
}

/** Cuts or pads text to exactly `width` characters (a cut ends in …). */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return text.padEnd(width);
}

/** Right-aligned number cell. */
export function fitRight(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length >= width ? fit(text, width) : text.padStart(width - 1).padEnd(width);
}

/** The header line's text for the columns. */
export function headerText(cols: Columns): string {
  return (
    '  ' +
    fit('NAME', cols.name) +
    fit('STATE', cols.state) +
    fit('HEALTH', cols.health) +
    fit('VERSION', cols.version) +
    fit('UPTIME', cols.uptime) +
    fitRight('RST', cols.restarts) +
    fitRight('CPU', cols.cpu) +
    fitRight('MEM', cols.memory)
  );
}

function sumOf(services: readonly ServiceStatus[], pick: (s: ServiceStatus) => number | undefined): number | undefined {
  const values = services.map(pick).filter((v): v is number => v !== undefined);
  return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
}

/** Cell texts of a deployment row (the health cell is drawn apart for its colour). */
export function deploymentCells(row: DeploymentRow, now: number) {
  const { record, status } = row.reading;
  const services = status.services;
  const running = services.filter((s) => s.state === 'running').length;
  const cpu = sumOf(services, (s) => s.cpuPercent);
  const memory = sumOf(services, (s) => s.memoryBytes);
  // Up since the oldest running service started; a service restarting in a loop is not "up".
  const started = services.filter((s) => s.state === 'running').map((s) => s.startedAt).filter((t): t is string => t !== undefined).sort()[0];
  return {
    name: `${record.name}${row.showHost ? ` @${row.ref.host}` : ''}`,
    state: services.length ? `${running}/${services.length} up` : '',
    health: status.health,
    version: record.version,
    uptime: uptimeOf(started, now) ?? '',
    restarts: String(sumOf(services, (s) => s.restarts) ?? ''),
    cpu: cpu === undefined ? '' : `${Math.round(cpu)}%`,
    memory: memory === undefined ? '' : shortBytes(memory),
  };
}

/** Cell texts of a service row. */
export function serviceCells(row: ServiceRow, now: number) {
  const s = row.service;
  return {
    name: `  ${s.name}`,
    state: s.state,
    health: row.verdict.label,
    version: s.version ?? '',
    uptime: s.state === 'running' ? (uptimeOf(s.startedAt, now) ?? '') : '',
    restarts: s.restarts === undefined ? '' : String(s.restarts),
    cpu: s.cpuPercent === undefined ? '' : `${Math.round(s.cpuPercent)}%`,
    memory: s.memoryBytes === undefined ? '' : shortBytes(s.memoryBytes),
  };
}
