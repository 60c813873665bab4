import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogEntry } from '../services/logs/log-buffer.js';
import type { LogFilter } from '../services/logs/log-filter.js';
import { clockTime } from './log-window.js';
import { useTheme } from './theme.js';

/** The visible log lines: time stamp (optional), the source in its colour, the text with matches highlighted. */
export const LogLines = memo(function LogLines({ entries, sources, sourceWidth, timestamps, wrap, filter, height }: { entries: readonly LogEntry[]; sources: readonly string[]; sourceWidth: number; timestamps: boolean; wrap: boolean; filter?: LogFilter | undefined; height: number }) {
  const theme = useTheme();
  const colourOf = (source: string): string | undefined => theme.sources[sources.indexOf(source) % Math.max(theme.sources.length, 1)];
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {entries.map((entry) => (
        <Text key={entry.seq} wrap={wrap ? 'wrap' : 'truncate-end'}>
          {timestamps ? <Text color={theme.muted}>{clockTime(entry)}</Text> : null}
          <Text color={colourOf(entry.source)}>{entry.source.slice(0, sourceWidth).padEnd(sourceWidth)}</Text>
          <Text color={theme.muted}> │ </Text>
          {filter
            ? filter.segments(entry.text).map((segment, i) =>
                segment.match ? (
                  <Text key={i} inverse color={theme.warn}>
                    {segment.text}
                  </Text>
                ) : (
                  segment.text
                ),
              )
            : entry.text}
        </Text>
      ))}
    </Box>
  );
});
