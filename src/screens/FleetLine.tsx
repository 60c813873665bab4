import { Box, Text } from 'ink';
import { memo } from 'react';
import { shortDuration } from '../services/fleet/units.js';
import type { HostConnectionState } from '../platform/ssh/connection-state.js';
import type { FleetRow, GroupRow } from '../store/fleet-rows.js';
import type { HostFleet } from '../store/fleet-slice.js';
import { deploymentCells, fit, fitRight, serviceCells, type Columns } from './fleet-columns.js';
import { connectionLook, levelLook, type Look } from './health-style.js';
import { useTheme } from './theme.js';

/** What a host heading shows besides its name. */
export interface HostInfo {
  address: string;
  local: boolean;
  connection?: HostConnectionState;
  fleet?: HostFleet;
}

/** A host's connection and last refresh in words, e.g. `● connected 3m · refreshed 2s ago`. */
export function hostStatus(info: HostInfo, now: number): { look: Look; text: string } {
  const error = info.fleet?.reading.error;
  const c = info.connection;
  const ago = info.fleet ? ` · refreshed ${shortDuration(now - info.fleet.refreshedAt)} ago` : ' · reading…';
  if (c && c.status !== 'connected' && c.status !== 'idle') {
    const look = connectionLook(c.status);
    // "retry in 0s" says nothing: a retry due within the second is happening now.
    const wait = info.fleet && info.fleet.failures > 0 ? info.fleet.nextAt - now : undefined;
    const retry = wait === undefined ? '' : wait >= 1000 ? ` · retry in ${shortDuration(wait)}` : ' · retrying now';
    return { look, text: `${look.words} for ${shortDuration(now - c.since)}${c.message ? `: ${c.message}` : ''}${retry}` };
  }
  if (error) return { look: { glyph: '✗', colour: 'error' }, text: `${error.message}${info.fleet?.reading.cachedAt ? ` (deployments as cached ${info.fleet.reading.cachedAt})` : ''}` };
  // A warning of the host's figures (disk nearly full, memory nearly used up) is what the line says first.
  const warnings = info.fleet?.reading.warnings ?? [];
  if (warnings.length > 0) {
    const more = warnings.length > 1 ? ` (+${warnings.length - 1} more)` : '';
    return { look: { glyph: '⚠', colour: 'warn' }, text: `${warnings[0]?.message}${more}${ago}` };
  }
  if (info.local) return { look: { glyph: '●', colour: 'ok' }, text: `this machine${ago}` };
  if (c?.status === 'connected') return { look: connectionLook('connected'), text: `connected ${shortDuration(now - c.since)}${ago}` };
  return { look: connectionLook('idle'), text: `not connected yet${ago}` };
}

function GroupLine({ row, selected, now, info }: { row: GroupRow; selected: boolean; now: number; info?: HostInfo }) {
  const theme = useTheme();
  const count = `${row.count} deployment${row.count === 1 ? '' : 's'}`;
  if (!info) {
    return (
      <Text wrap="truncate-end" bold>
        {selected ? '▸ ' : '  '}
        {row.label} <Text color={theme.muted}>({count})</Text>
      </Text>
    );
  }
  const status = hostStatus(info, now);
  return (
    <Text wrap="truncate-end">
      {selected ? '▸ ' : '  '}
      <Text bold>{row.label}</Text>
      <Text color={theme.muted}>{info.address ? ` ${info.address}` : ''} · </Text>
      <Text color={theme[status.look.colour]}>
        {status.look.glyph} {status.text}
      </Text>
      <Text color={theme.muted}>
        {' · '}
        {count}
        {figuresOf(info)}
      </Text>
    </Text>
  );
}

/** The host's load and memory in use, as ` · load 0.52/4 · mem 41%` (empty when not read). */
export function figuresOf(info: HostInfo): string {
  const r = info.fleet?.reading.resources;
  if (!r) return '';
  const load = r.load1 !== undefined ? ` · load ${r.load1.toFixed(2)}${r.cores ? `/${r.cores}` : ''}` : '';
  const mem = r.memoryTotalBytes && r.memoryAvailableBytes !== undefined ? ` · mem ${Math.round(((r.memoryTotalBytes - r.memoryAvailableBytes) / r.memoryTotalBytes) * 100)}%` : '';
  return `${load}${mem}`;
}

/**
 * One line of the fleet list. Ink measures every text node on every frame, and only pure-ASCII text
 * is measured fast; so the glyphs (marker, health sign) are text nodes of their own and the long
 * ASCII cells stay apart from them.
 */
export const FleetLine = memo(function FleetLine({ row, selected, cols, now, info }: { row: FleetRow; selected: boolean; cols: Columns; now: number; info?: HostInfo }) {
  const theme = useTheme();
  if (row.kind === 'group') return <GroupLine row={row} selected={selected} now={now} {...(info ? { info } : {})} />;
  if (row.kind === 'unmanaged') {
    // Runs there with no record: shown so nothing runs unseen; `adopt` takes it over.
    return (
      <Box height={1}>
        <Text>{selected ? '▸ ' : '  '}</Text>
        <Text inverse={selected}>{fit(row.showHost ? `${row.host}/${row.workload.name}` : row.workload.name, cols.name)}</Text>
        <Text color={theme.muted} wrap="truncate-end">{` unmanaged · ${row.workload.summary}`}</Text>
      </Box>
    );
  }
  const cells = row.kind === 'deployment' ? deploymentCells(row, now) : serviceCells(row, now);
  const look = levelLook(row.kind === 'deployment' ? row.level : row.verdict.level);
  const bold = selected && row.kind === 'deployment';
  return (
    <Box height={1}>
      <Text>{selected ? '▸ ' : '  '}</Text>
      <Text bold={bold} inverse={selected}>
        {fit(cells.name, cols.name)}
        <Text color={theme.muted}>{fit(cells.state, cols.state)}</Text>
      </Text>
      <Text color={theme[look.colour]} inverse={selected}>
        {look.glyph}
      </Text>
      <Text bold={bold} inverse={selected}>
        <Text color={theme[look.colour]}>{fit(` ${cells.health}`, cols.health - 1)}</Text>
        {/* One string, one text node: Ink lays out and measures every node on every frame. */}
        {`${fit(cells.version, cols.version)}${fit(cells.uptime, cols.uptime)}${fitRight(cells.restarts, cols.restarts)}${fitRight(cells.cpu, cols.cpu)}${fitRight(cells.memory, cols.memory)}`}
      </Text>
    </Box>
  );
});
