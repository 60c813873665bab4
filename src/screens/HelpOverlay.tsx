import { Box, Text } from 'ink';
import { useState } from 'react';
import { helpKeymap } from './keymaps.js';
import { labelOf, useKeymap, type BindingSpec, type DisabledReasons, type KeymapSpec } from './keymap.js';
import { useTheme } from './theme.js';

export type HelpLine = { kind: 'group'; text: string } | { kind: 'binding'; binding: BindingSpec } | { kind: 'reason'; text: string } | { kind: 'gap' };

/**
 * The help as lines: each group's heading, its bindings, and under a disabled one why it is off. When
 * every binding of a group is off for the same reason (nothing selected yet), the reason is said once,
 * under the heading.
 */
function helpLines(keymaps: readonly KeymapSpec[], disabled: DisabledReasons): HelpLine[] {
  const bindings = keymaps.flatMap((k) => k.bindings);
  const groups = [...new Set(bindings.map((b) => b.group))];
  return groups.flatMap((group, i): HelpLine[] => {
    const inGroup = bindings.filter((b) => b.group === group);
    const reasons = new Set(inGroup.map((b) => disabled[b.id]));
    const shared = inGroup.length > 1 && reasons.size === 1 ? [...reasons][0] : undefined;
    return [
      ...(i > 0 ? [{ kind: 'gap' } as const] : []),
      { kind: 'group', text: group },
      ...(shared ? [{ kind: 'reason', text: shared } as const] : []),
      ...inGroup.flatMap((binding): HelpLine[] => {
        const reason = shared ? undefined : disabled[binding.id];
        return reason ? [{ kind: 'binding', binding }, { kind: 'reason', text: reason }] : [{ kind: 'binding', binding }];
      }),
    ];
  });
}

/** How wide a line is drawn, so columns are as wide as their longest binding and nothing is cut. */
function lineWidth(line: HelpLine): number {
  if (line.kind === 'gap') return 0;
  if (line.kind === 'group') return line.text.length;
  // A reason may be long: it is cut rather than making every column wide.
  if (line.kind === 'reason') return 0;
  const b = line.binding;
  return 2 + Math.max(8, labelOf(b).length) + 1 + b.description.length + (b.dangerous ? ' (asks first)'.length : 0);
}

/** Columns of help that fit `width` without cutting a binding, and how many lines each holds. */
export function helpLayout(lines: readonly HelpLine[], width: number, height: number): { count: number; perColumn: number; columnWidth: number } {
  const inner = Math.max(10, width - 4); // the border and the padding
  const perColumn = Math.max(1, height - 3); // the border and the title line
  const widest = Math.min(inner, Math.max(10, ...lines.map(lineWidth)) + 2);
  const count = Math.max(1, Math.min(Math.floor(inner / widest), Math.ceil(lines.length / perColumn)));
  return { count, perColumn, columnWidth: Math.floor(inner / count) };
}

/**
 * Every binding of the screen underneath, grouped, from the same keymap data as the footer, with why
 * a key is unavailable. Flows into as many columns as fit without cutting a binding; when even those
 * do not hold it all (80x24 on the dashboard), it scrolls (↓/j ↑/k, pgdn/space pgup) and the title
 * says which lines are shown.
 */
export function HelpOverlay({ keymaps, width, height, disabled = {} }: { keymaps: readonly KeymapSpec[]; width: number; height: number; disabled?: DisabledReasons }) {
  const theme = useTheme();
  const lines = helpLines(keymaps, disabled);
  const { count, perColumn, columnWidth } = helpLayout(lines, width, height);
  const capacity = count * perColumn;
  const maxOffset = Math.max(0, lines.length - capacity);
  const [wanted, setOffset] = useState(0);
  const offset = Math.min(wanted, maxOffset);
  const scrollBy = (delta: number) => setOffset(Math.max(0, Math.min(maxOffset, offset + delta)));
  useKeymap(helpKeymap, { down: () => scrollBy(1), up: () => scrollBy(-1), pageDown: () => scrollBy(capacity), pageUp: () => scrollBy(-capacity) });
  const shown = lines.slice(offset, offset + capacity);
  const columns = Array.from({ length: count }, (_, i) => shown.slice(i * perColumn, (i + 1) * perColumn));
  const title = maxOffset === 0 ? 'Keys' : `Keys · lines ${offset + 1}-${offset + shown.length} of ${lines.length} · ↓/j ↑/k pgdn pgup scroll`;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
      <Text bold wrap="truncate-end">
        {title}
      </Text>
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
