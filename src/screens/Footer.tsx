import { Box, Text } from 'ink';
import { labelOf, type DisabledReasons, type KeymapSpec } from './keymap.js';
import { useTheme } from './theme.js';

/** One line of key hints, drawn from the active keymaps' `footer` bindings; disabled ones are struck through. */
export function Footer({ keymaps, width, disabled = {} }: { keymaps: readonly KeymapSpec[]; width: number; disabled?: DisabledReasons }) {
  const theme = useTheme();
  const hints = keymaps.flatMap((k) => k.bindings.filter((b) => b.footer));
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {hints.map((b, i) => (
          <Text key={b.id}>
            {i > 0 ? '  ' : ''}
            <Text color={disabled[b.id] ? theme.muted : theme.accent} bold={!disabled[b.id]} strikethrough={Boolean(disabled[b.id])}>
              {labelOf(b)}
            </Text>
            <Text color={theme.muted} strikethrough={Boolean(disabled[b.id])}>
              {' '}
              {b.short ?? b.description}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
