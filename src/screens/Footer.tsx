import { Box, Text } from 'ink';
import { labelOf, type KeymapSpec } from './keymap.js';
import { useTheme } from './theme.js';

/** One line of key hints, drawn from the active keymaps' `footer` bindings. */
export function Footer({ keymaps, width }: { keymaps: readonly KeymapSpec[]; width: number }) {
  const theme = useTheme();
  const hints = keymaps.flatMap((k) => k.bindings.filter((b) => b.footer));
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {hints.map((b, i) => (
          <Text key={b.id}>
            {i > 0 ? '  ' : ''}
            <Text color={theme.accent} bold>
              {labelOf(b)}
            </Text>
            <Text color={theme.muted}> {b.description}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
