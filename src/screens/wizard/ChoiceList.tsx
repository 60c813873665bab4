import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { useKeymap } from '../keymap.js';
import { useTheme } from '../theme.js';
import { listKeymap } from './wizard-keymaps.js';

/** One entry of a ChoiceList: a label, a line under it, and why it cannot be chosen when it cannot. */
export interface Choice {
  key: string;
  label: string;
  /** A second line in the normal colour (what a host runs, what a provider will use). */
  detail?: string;
  /** Shown dimmed with this reason; Enter does nothing on it. */
  disabledReason?: string;
  /** A line under it in the warning colour (e.g. checking…). */
  note?: string;
}

/**
 * A vertical list driven by the list keymap (↑/k, ↓/j, Enter). Disabled entries stay visible with
 * their reason. Only the entries that fit in `height` rows are drawn, in a window that follows the cursor.
 */
export function ChoiceList(props: { choices: readonly Choice[]; initialKey?: string; onChoose: (key: string) => void; isActive: boolean; height: number }) {
  const { choices, isActive, height } = props;
  const theme = useTheme();
  const firstEnabled = Math.max(choices.findIndex((c) => !c.disabledReason), 0);
  const initial = props.initialKey ? choices.findIndex((c) => c.key === props.initialKey) : -1;
  const [cursor, setCursor] = useState(initial >= 0 ? initial : firstEnabled);
  // The cursor also lives in a ref: Enter right after ↓ (faster than a render) must choose the new entry.
  const cursorRef = useRef(cursor);
  const move = (to: number): void => {
    cursorRef.current = Math.min(Math.max(to, 0), Math.max(choices.length - 1, 0));
    setCursor(cursorRef.current);
  };
  const at = Math.min(cursor, Math.max(choices.length - 1, 0));
  useEffect(() => {
    if (cursor >= choices.length && choices.length > 0) move(choices.length - 1);
  });
  useKeymap(
    listKeymap,
    {
      down: () => move(cursorRef.current + 1),
      up: () => move(cursorRef.current - 1),
      choose: () => {
        const choice = choices[cursorRef.current];
        if (choice && !choice.disabledReason) props.onChoose(choice.key);
      },
    },
    { isActive },
  );
  const rowsPer = choices.some((c) => c.detail || c.disabledReason || c.note) ? 2 : 1;
  const fit = Math.max(1, Math.floor(height / rowsPer));
  const top = Math.min(Math.max(0, at - fit + 1), Math.max(0, choices.length - fit));
  const shown = choices.slice(top, top + fit);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {shown.map((choice, i) => {
        const selected = top + i === at;
        const disabled = choice.disabledReason !== undefined;
        return (
          <Box key={choice.key} flexDirection="column">
            <Text wrap="truncate-end" dimColor={disabled}>
              {selected ? '▸ ' : '  '}
              <Text bold={selected} color={selected && !disabled ? theme.accent : undefined}>
                {choice.label}
              </Text>
            </Text>
            {choice.disabledReason ? (
              <Text wrap="truncate-end" color={theme.muted}>
                {'    '}✗ {choice.disabledReason}
              </Text>
            ) : choice.note ? (
              <Text wrap="truncate-end" color={theme.warn}>
                {'    '}
                {choice.note}
              </Text>
            ) : choice.detail ? (
              <Text wrap="truncate-end" color={theme.muted}>
                {'    '}
                {choice.detail}
              </Text>
            ) : rowsPer === 2 ? (
              <Text> </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
