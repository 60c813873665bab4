import { Text, useInput } from 'ink';
import { useTheme } from './theme.js';

/**
 * The `/` filter line (and the dashboard's `:` command line, with its prefix). While `editing`,
 * printable keys and backspace edit the text (Enter and Esc belong to the line's keymap); otherwise
 * it shows the filter in force.
 */
export function FilterLine({ text, editing, onChange, note, prefix = '/' }: { text: string; editing: boolean; onChange: (text: string) => void; note?: string; prefix?: string }) {
  const theme = useTheme();
  useInput(
    (input, key) => {
      if (key.backspace || key.delete) onChange(text.slice(0, -1));
      else if (input && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab && !key.upArrow && !key.downArrow) onChange(text + input);
    },
    { isActive: editing },
  );
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{prefix}</Text>
      {text}
      {editing ? <Text inverse> </Text> : null}
      {note ? <Text color={theme.warn}>  {note}</Text> : null}
    </Text>
  );
}
