import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type FC } from 'react';
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

/** Whether the list's entries take two rows (any has a line under it): then every entry does, so the window is even. */
const TwoRows = createContext(false);

/** ink-select-input's indicator: the selection marker. */
function Marker({ isSelected = false }: { isSelected?: boolean }) {
  return <Text>{isSelected ? '▸ ' : '  '}</Text>;
}

/** ink-select-input's item (it passes the item's fields on, `choice` among them): the label, and under it the reason it is disabled, a note or a detail. */
function ChoiceItem({ isSelected = false, choice }: { isSelected?: boolean; label: string; choice: Choice }) {
  const theme = useTheme();
  const twoRows = useContext(TwoRows);
  const disabled = choice.disabledReason !== undefined;
  const under = choice.disabledReason ? { text: `✗ ${choice.disabledReason}`, color: theme.muted } : choice.note ? { text: choice.note, color: theme.warn } : choice.detail ? { text: choice.detail, color: theme.muted } : undefined;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" dimColor={disabled} bold={isSelected} color={isSelected && !disabled ? theme.accent : undefined}>
        {choice.label}
      </Text>
      {under ? (
        <Text wrap="truncate-end" color={under.color}>
          {'  '}
          {under.text}
        </Text>
      ) : twoRows ? (
        <Text> </Text>
      ) : null}
    </Box>
  );
}

/**
 * A vertical list drawn by ink-select-input: its `limit` windows the entries that fit in `height`
 * rows, and custom item and indicator components show disabled entries dimmed with their reason
 * (Enter does nothing on them). The keys are the list keymap's (↑/k, ↓/j, Enter), dispatched by
 * `useKeymap` like every other screen's.
 *
 * Why it does not take the keys itself: ink-select-input's handler reads the highlighted index of the
 * render its `useInput` listener was subscribed with, and Ink re-subscribes only after the next
 * render's effects. A key arriving in between (two quick ↓, or ↓ then Enter: a paste, tmux send-keys,
 * the wizard tests) acts on the old index: every second quick ↓ was lost, and Enter chose the entry
 * before. It also wraps round at the ends and chooses on the digits 1-9, which no other list here does.
 * So the cursor lives in a ref updated by the keymap, and SelectInput (unfocused) is drawn at it: it
 * is re-created when the cursor moves, and its `initialIndex` puts the cursor at the bottom of the
 * window once it passes the first `limit` entries (and when the entries change, as it would reset to
 * the first one while the cursor stays).
 */
export function ChoiceList(props: { choices: readonly Choice[]; initialKey?: string; onChoose: (key: string) => void; isActive: boolean; height: number }) {
  const { choices, isActive, height } = props;
  const firstEnabled = Math.max(choices.findIndex((c) => !c.disabledReason), 0);
  const initial = props.initialKey ? choices.findIndex((c) => c.key === props.initialKey) : -1;
  const [cursor, setCursor] = useState(initial >= 0 ? initial : firstEnabled);
  // The cursor also lives in a ref: Enter right after ↓ (faster than a render) must choose the new entry.
  const cursorRef = useRef(cursor);
  const last = Math.max(choices.length - 1, 0);
  const move = (to: number): void => {
    cursorRef.current = Math.min(Math.max(to, 0), last);
    setCursor(cursorRef.current);
  };
  const at = Math.min(cursor, last);
  useEffect(() => {
    if (cursor > last && choices.length > 0) move(last);
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
  // The value is the key: ink-select-input compares values to tell a new list, and a note that
  // changes (checking… → ✓) is not one.
  const items = useMemo(() => choices.map((choice) => ({ key: choice.key, label: choice.label, value: choice.key, choice })), [choices]);
  const keys = choices.map((c) => c.key).join('\n');
  const twoRows = choices.some((c) => c.detail || c.disabledReason || c.note);
  const limit = Math.max(1, Math.floor(height / (twoRows ? 2 : 1)));
  return (
    <TwoRows.Provider value={twoRows}>
      <Box flexDirection="column" height={height} overflow="hidden">
        <SelectInput
          key={`${at}\n${keys}`}
          items={items}
          isFocused={false}
          initialIndex={at}
          limit={limit}
          indicatorComponent={Marker}
          itemComponent={ChoiceItem as unknown as FC<{ isSelected?: boolean; label: string }>}
        />
      </Box>
    </TwoRows.Provider>
  );
}
