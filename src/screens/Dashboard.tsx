import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { fleetRows, selectedRow, type FleetRow } from '../store/fleet-rows.js';
import type { AppState } from '../store/app-store.js';
import { activeScope, disabledForRoute } from './action-reasons.js';
import { columnsFor, headerText } from './fleet-columns.js';
import { FilterLine } from './FilterLine.js';
import { FleetLine, hostStatus, type HostInfo } from './FleetLine.js';
import { commandKeymap, dashboardKeymap, filterKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { StatusLines, statusHeight } from './StatusLines.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { useConfirmKeys } from './use-confirm-keys.js';
import { useScrollWindow } from './use-scroll-window.js';
import { useDeploymentActions } from './use-deployment-actions.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const EMPTY_HINT = 'Start an install from a shell with: homelab-tui install APP --host HOST (see homelab-tui --help).';

/** The reason and hint for the selected line, when it is not fine (the "why" behind every red). */
function whyOf(row: FleetRow | undefined, state: Pick<AppState, 'connections' | 'fleet'>): { text: string; hint?: string } | undefined {
  if (!row) return undefined;
  if (row.kind === 'group') {
    if (!row.host) return undefined;
    const c = state.connections[row.host];
    const error = state.fleet[row.host]?.reading.error;
    // Connection and command errors already name the host.
    if (c && c.message && c.status !== 'connected') return { text: c.message, ...(c.hint ? { hint: c.hint } : {}) };
    if (error) return { text: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    const warnings = state.fleet[row.host]?.reading.warnings ?? [];
    return warnings.length ? { text: warnings.map((w) => w.message).join('; '), ...(warnings[0]?.hint ? { hint: warnings[0].hint } : {}) } : undefined;
  }
  if (row.kind === 'unmanaged') return { text: `${row.workload.name} runs on ${row.host} with no homelab-tui record: ${row.workload.summary}`, hint: row.workload.hint };
  if (row.kind === 'service') return row.verdict.reason ? { text: row.verdict.reason, ...(row.verdict.hint ? { hint: row.verdict.hint } : {}) } : undefined;
  const { status } = row.reading;
  if (status.health === 'healthy' || !status.reason) return undefined;
  return { text: `${row.ref.name}: ${status.reason}`, ...(status.hint ? { hint: status.hint } : {}) };
}

function summaryOf(rows: readonly FleetRow[]): { ok: number; bad: number; other: number } {
  const counts = { ok: 0, bad: 0, other: 0 };
  for (const row of rows) {
    if (row.kind !== 'deployment') continue;
    if (row.level === 'ok') counts.ok++;
    else if (row.level === 'bad') counts.bad++;
    else counts.other++;
  }
  return counts;
}

/** The fleet: every host with its connection, its deployments and their services, windowed to the screen. */
export function Dashboard({ width, height, isActive }: { width: number; height: number; isActive: boolean }) {
  const theme = useTheme();
  const { hosts, fleet, view, connections, now, loadError, confirm, notice, running, scope, commandLine } = useAppState(
    useShallow((s) => ({ hosts: s.hosts, fleet: s.fleet, view: s.fleetView, connections: s.connections, now: s.now, loadError: s.loadError, confirm: s.confirm, notice: s.notice, running: s.running, scope: activeScope(s), commandLine: s.commandLine })),
  );
  const disabled = useAppState(useShallow(disabledForRoute));
  const actions = useAppState(
    useShallow((s) => ({ select: s.selectFleetRow, setFilter: s.setFleetFilter, setFiltering: s.setFleetFiltering, sort: s.cycleFleetSort, group: s.cycleFleetGroup, refreshHosts: s.refresh, refreshFleet: s.refreshFleet, openDetails: s.openDetails, showNotice: s.showNotice, dismissNotice: s.dismissNotice, openWizard: s.openWizard, openHosts: s.openHosts, openCommandLine: s.openCommandLine, editCommandLine: s.editCommandLine, runCommandLine: s.runCommandLine, closeCommandLine: s.closeCommandLine })),
  );
  const state = { hosts, fleet, fleetView: view };
  const rows = fleetRows(state);
  const { row: selected, index } = selectedRow(state);
  const why = whyOf(selected, { connections, fleet });

  const showFilter = view.filtering || view.filter !== '';
  const empty = Object.keys(fleet).length > 0 && rows.every((r) => r.kind === 'group') && !view.filter;
  const errorLines = loadError ? (loadError.hint ? 2 : 1) : 0;
  // The reason wraps (up to three lines) so the whole of it can be read; the hint takes one line.
  const whyTextLines = why ? Math.min(3, Math.ceil((why.text.length + 5) / Math.max(width - 2, 1))) : 0;
  const whyLines = why ? whyTextLines + (why.hint ? 1 : 0) : 0;
  const emptyLines = empty ? 2 + Math.ceil(EMPTY_HINT.length / Math.max(width - 2, 1)) : 0;
  const listHeight = Math.max(1, height - 2 - errorLines - whyLines - (showFilter ? 1 : 0) - (commandLine !== undefined ? 1 : 0) - statusHeight({ confirm, notice, running }, width - 2) - emptyLines);
  const start = useScrollWindow(index, listHeight, rows.length);
  const cols = columnsFor(width);
  const moveTo = (i: number): void => {
    const row = rows[Math.min(Math.max(i, 0), rows.length - 1)];
    if (row) actions.select(row.id);
  };
  const target = selected && (selected.kind === 'deployment' || selected.kind === 'service') ? { ref: selected.ref, service: selected.kind === 'service' ? selected.service.name : undefined } : undefined;
  const deploymentActions = useDeploymentActions(target);

  useKeymap(
    dashboardKeymap,
    {
      down: () => moveTo(index + 1),
      up: () => moveTo(index - 1),
      pageDown: () => moveTo(index + listHeight),
      pageUp: () => moveTo(index - listHeight),
      top: () => moveTo(0),
      bottom: () => moveTo(rows.length - 1),
      open: () => target && actions.openDetails(target.ref),
      filter: () => actions.setFiltering(true),
      clearFilter: () => {
        actions.setFilter('');
        actions.dismissNotice();
      },
      sort: actions.sort,
      group: actions.group,
      refresh: () => {
        void actions.refreshHosts();
        actions.refreshFleet();
      },
      install: () => void actions.openWizard(),
      hosts: () => void actions.openHosts(),
      command: actions.openCommandLine,
      ...deploymentActions,
    },
    { isActive: isActive && scope === 'dashboard', disabled, onDisabled: (binding, reason) => actions.showNotice({ tone: 'info', text: `${binding.description}: ${reason}` }) },
  );
  useKeymap(filterKeymap, { apply: () => actions.setFiltering(false), cancel: () => (actions.setFilter(''), actions.setFiltering(false)) }, { isActive: isActive && scope === 'filter', typing: true });
  useKeymap(commandKeymap, { run: actions.runCommandLine, cancel: actions.closeCommandLine }, { isActive: isActive && scope === 'command', typing: true });
  useConfirmKeys(isActive);

  const infoOf = (host: string | undefined): HostInfo | undefined => {
    if (!host) return undefined;
    const summary = hosts.find((h) => h.name === host);
    return { address: summary?.address ?? '', local: summary?.kind === 'local', ...(connections[host] ? { connection: connections[host] } : {}), ...(fleet[host] ? { fleet: fleet[host] } : {}) };
  };
  const counts = summaryOf(rows);
  const unreachable = hosts.filter((h) => fleet[h.name]?.reading.error || hostStatus(infoOf(h.name) as HostInfo, now).look.colour === 'error').length;
  const visible = rows.slice(start, start + listHeight);

  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} overflowY="hidden">
      {loadError ? (
        <Box flexDirection="column">
          <Text color={theme.error} wrap="truncate-end">
            ✗ {loadError.message}
          </Text>
          {loadError.hint ? <Text color={theme.muted} wrap="truncate-end">  {loadError.hint}</Text> : null}
        </Box>
      ) : null}
      <Text wrap="truncate-end">
        <Text bold>{plural(hosts.length, 'host')}</Text>
        {unreachable ? <Text color={theme.error}> ({unreachable} not answering)</Text> : null}
        <Text> · {plural(counts.ok + counts.bad + counts.other, 'deployment')}</Text>
        {counts.ok ? <Text color={theme.ok}> · {counts.ok} healthy</Text> : null}
        {counts.bad ? <Text color={theme.error}> · {counts.bad} unhealthy</Text> : null}
        {counts.other ? <Text color={theme.warn}> · {counts.other} other</Text> : null}
        <Text color={theme.muted}>
          {' '}
          · sort {view.sort} · by {view.group}
          {rows.length > listHeight ? ` · ${start + 1}-${Math.min(start + listHeight, rows.length)} of ${rows.length}` : ''}
        </Text>
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {headerText(cols)}
      </Text>
      <Box flexDirection="column" height={listHeight} overflowY="hidden">
        {visible.map((row) => (
          <FleetLine key={row.id} row={row} selected={row.id === selected?.id} cols={cols} now={now} {...(row.kind === 'group' && row.host ? { info: infoOf(row.host) } : {})} />
        ))}
      </Box>
      {empty ? (
        <Box flexDirection="column" marginTop={1}>
          <Text wrap="truncate-end">Nothing is deployed yet. Press i to install an app.</Text>
          <Text color={theme.muted} wrap="wrap">
            {EMPTY_HINT}
          </Text>
        </Box>
      ) : null}
      {why ? (
        <Box flexDirection="column">
          <Box height={whyTextLines} overflowY="hidden">
            <Text color={theme.error} wrap="wrap">
              why: {why.text}
            </Text>
          </Box>
          {why.hint ? <Text color={theme.muted} wrap="truncate-end">  hint: {why.hint}</Text> : null}
        </Box>
      ) : null}
      {showFilter ? <FilterLine text={view.filter} editing={scope === 'filter'} onChange={actions.setFilter} /> : null}
      {commandLine !== undefined ? <FilterLine prefix=":" text={commandLine} editing={scope === 'command'} onChange={actions.editCommandLine} /> : null}
      <StatusLines confirm={confirm} notice={notice} running={running} />
    </Box>
  );
}
