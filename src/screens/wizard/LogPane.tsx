import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

/** The newest lines of install output that fit in `height` rows; older ones are not drawn at all. */
export function LogPane({ lines, height, title }: { lines: readonly string[]; height: number; title: string }) {
  const theme = useTheme();
  const room = Math.max(height - 1, 1);
  const shown = lines.slice(-room);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text color={theme.muted}>── {title} ──</Text>
      {shown.map((line, i) => (
        <Text key={lines.length - shown.length + i} wrap="truncate-end" color={line.startsWith('✗') ? theme.error : undefined}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
