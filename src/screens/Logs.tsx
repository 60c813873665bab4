import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { compileLogFilter } from '../services/logs/log-filter.js';
import type { LogsState } from '../store/logs-slice.js';
import { activeScope } from './action-reasons.js';
import { FilterLine } from './FilterLine.js';
import { filterKeymap, logsKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { LogLines } from './LogLines.js';
import { logWindow } from './log-window.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

function stateWords(logs: LogsState): string {
  if (logs.status === 'failed') return '✗ stopped';
  if (logs.status === 'ended') return '■ ended';
  if (logs.status === 'connecting') return '… connecting';
  if (logs.paused) return `⏸ paused (${Math.max(0, logs.buffer.lastSeq - (logs.pausedAt ?? logs.buffer.lastSeq))} new)`;
  return '● following';
}

/** A deployment's logs, its services merged and coloured, drawn from the bounded buffer at most a few times a second. */
export function Logs({ width, height, isActive }: { width: number; height: number; isActive: boolean }) {
  const theme = useTheme();
  const { logs, scope } = useAppState(useShallow((s) => ({ logs: s.logs, scope: activeScope(s) })));
  const a = useAppState(
    useShallow((s) => ({ close: s.closeLogs, pause: s.toggleLogsPause, scroll: s.scrollLogs, follow: s.followLogs, setFilter: s.setLogsFilter, setFiltering: s.setLogsFiltering, invert: s.toggleLogsInvert, timestamps: s.toggleLogsTimestamps, wrap: s.toggleLogsWrap })),
  );
  const filter = useMemo(() => (logs?.filter ? compileLogFilter(logs.filter, logs.invert) : undefined), [logs?.filter, logs?.invert]);
  const showFilter = logs ? logs.filtering || logs.filter !== '' : false;
  const errorLines = logs?.error ? (logs.error.hint ? 2 : 1) : 0;
  const linesHeight = Math.max(1, height - 1 - (showFilter ? 1 : 0) - errorLines);
  const page = Math.max(1, linesHeight - 1);

  useKeymap(
    logsKeymap,
    { back: a.close, up: () => a.scroll(1), down: () => a.scroll(-1), pageUp: () => a.scroll(page), pageDown: () => a.scroll(-page), pause: a.pause, follow: a.follow, filter: () => a.setFiltering(true), invert: a.invert, timestamps: a.timestamps, wrap: a.wrap },
    { isActive: isActive && scope === 'logs' },
  );
  useKeymap(filterKeymap, { apply: () => a.setFiltering(false), cancel: () => (a.setFilter(''), a.setFiltering(false)) }, { isActive: isActive && scope === 'filter', typing: true });

  const sources = logs?.buffer.sources() ?? [];
  const sourceWidth = Math.min(16, Math.max(4, ...sources.map((s) => s.length)));
  const prefixWidth = sourceWidth + 3 + (logs?.timestamps ? 13 : 0);
  // Read only what fits on screen; `revision` (throttled) is what makes this run again as lines arrive.
  const view = useMemo(
    () => (logs ? logWindow(logs.buffer, { height: linesHeight, width: width - 2, wrap: logs.wrap, skip: logs.scroll, ...(logs.paused && logs.pausedAt !== undefined ? { untilSeq: logs.pausedAt } : {}), ...(filter ? { filter } : {}), prefixWidth }) : undefined),
    [logs?.buffer, logs?.revision, logs?.scroll, logs?.paused, logs?.pausedAt, logs?.wrap, filter, linesHeight, width, prefixWidth],
  );
  if (!logs || !view) return <Box height={height} />;
  const target = `${logs.ref.name} on ${logs.ref.host}${logs.service ? ` · ${logs.service}` : ''}`;
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} overflowY="hidden">
      <Text wrap="truncate-end">
        <Text bold>logs</Text> {target}
        <Text color={logs.status === 'failed' ? theme.error : logs.paused ? theme.warn : theme.ok}> · {stateWords(logs)}</Text>
        <Text color={theme.muted}>
          {' '}
          · {logs.buffer.taken} line{logs.buffer.taken === 1 ? '' : 's'}{logs.buffer.taken > logs.buffer.size ? ` (last ${logs.buffer.size} kept)` : ''}
          {logs.scroll > 0 ? ` · ${logs.scroll} below` : ''}
          {filter?.invert ? ' · inverted' : ''}
          {logs.wrap ? ' · wrap' : ''}
        </Text>
      </Text>
      <LogLines entries={view.entries} sources={sources} sourceWidth={sourceWidth} timestamps={logs.timestamps} wrap={logs.wrap} filter={filter} height={linesHeight} />
      {logs.error ? (
        <Box flexDirection="column">
          <Text color={theme.error} wrap="truncate-end">
            ✗ {logs.error.message}
          </Text>
          {logs.error.hint ? <Text color={theme.muted} wrap="truncate-end">  hint: {logs.error.hint}</Text> : null}
        </Box>
      ) : null}
      {showFilter ? <FilterLine text={logs.filter} editing={scope === 'filter'} onChange={a.setFilter} {...(filter?.error ? { note: filter.error } : {})} /> : null}
    </Box>
  );
}
