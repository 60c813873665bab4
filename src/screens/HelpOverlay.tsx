import { Box, Text } from 'ink';
import { labelOf, type BindingSpec, type DisabledReasons, type KeymapSpec } from './keymap.js';
import { useTheme } from './theme.js';

type HelpLine = { kind: 'group'; text: string } | { kind: 'binding'; binding: BindingSpec } | { kind: 'reason'; text: string } | { kind: 'gap' };

/** The help as lines: each group's heading, its bindings, and under a disabled one why it is off. */
function helpLines(keymaps: readonly KeymapSpec[], disabled: DisabledReasons): HelpLine[] {
  const bindings = keymaps.flatMap((k) => k.bindings);
  const groups = [...new Set(bindings.map((b) => b.group))];
  return groups.flatMap((group, i): HelpLine[] => [
    ...(i > 0 ? [{ kind: 'gap' } as const] : []),
    { kind: 'group', text: group },
    ...bindings
      .filter((b) => b.group === group)
      .flatMap((binding): HelpLine[] => {
        const reason = disabled[binding.id];
        return reason ? [{ kind: 'binding', binding }, { kind: 'reason', text: reason }] : [{ kind: 'binding', binding }];
      }),
  ]);
}

/**
 * Every binding of the screen underneath, grouped, from the same keymap data as the footer, with why
 * a key is unavailable. Flows into as many columns as the height needs, so it fits 80×24.
 */
export function HelpOverlay({ keymaps, width, height, disabled = {} }: { keymaps: readonly KeymapSpec[]; width: number; height: number; disabled?: DisabledReasons }) {
  const theme = useTheme();
  const lines = helpLines(keymaps, disabled);
  // Border (2) and the title line.
  const perColumn = Math.max(1, height - 3);
  const count = Math.ceil(lines.length / perColumn);
  const columnWidth = Math.max(10, Math.floor((width - 4) / count));
  const columns = Array.from({ length: count }, (_, i) => lines.slice(i * perColumn, (i + 1) * perColumn));
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
      <Text bold>Keys</Text>
      <Box flexDirection="row">
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} flexShrink={0}>
            {column.map((line, i) => {
              const key = `${c}-${i}`;
              if (line.kind === 'gap') return <Text key={key}> </Text>;
              if (line.kind === 'group')
                return (
                  <Text key={key} color={theme.accent} wrap="truncate-end">
                    {line.text}
                  </Text>
                );
              if (line.kind === 'reason')
                return (
                  <Text key={key} color={theme.muted} wrap="truncate-end">
                    {'           '}unavailable: {line.text}
                  </Text>
                );
              const b = line.binding;
              return (
                <Text key={key} wrap="truncate-end" strikethrough={Boolean(disabled[b.id])}>
                  {'  '}
                  {labelOf(b).padEnd(8)} {b.description}
                  {b.dangerous ? ' (asks first)' : ''}
                </Text>
              );
            })}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
