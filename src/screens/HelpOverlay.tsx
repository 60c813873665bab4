import { Box, Text } from 'ink';
import { labelOf, type KeymapSpec } from './keymap.js';
import { useTheme } from './theme.js';

/** Every binding of the screen underneath, grouped, from the same keymap data as the footer. */
export function HelpOverlay({ keymaps, width, height }: { keymaps: readonly KeymapSpec[]; width: number; height: number }) {
  const theme = useTheme();
  // Two scopes may both name a binding `quit` (Ctrl-C and q): the scope keeps React keys apart.
  const bindings = keymaps.flatMap((k) => k.bindings.map((b) => ({ ...b, key: `${k.scope}-${b.id}` })));
  const groups = [...new Set(bindings.map((b) => b.group))];
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
      <Text bold>Keys</Text>
      {groups.map((group) => (
        <Box key={group} flexDirection="column" marginTop={1}>
          <Text color={theme.accent}>{group}</Text>
          {bindings
            .filter((b) => b.group === group)
            .map((b) => (
              <Text key={b.key} wrap="truncate-end">
                {'  '}
                {labelOf(b).padEnd(8)} {b.description}
                {b.dangerous ? ' (asks first)' : ''}
              </Text>
            ))}
        </Box>
      ))}
    </Box>
  );
}
