import { Text } from 'ink';
import TextInput from 'ink-text-input';
import type { FieldView } from '../../services/wizard/form-model.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';

const MASK = '•';

/**
 * One question: label, then its value. The focused text field is an ink-text-input (the cursor moves
 * with ←/→); a choice shows ‹ value › and changes with ←/→. Capacity of the host sits beside resources.
 */
export function FieldRow({ field, focused, isActive, width }: { field: FieldView; focused: boolean; isActive: boolean; width: number }) {
  const theme = useTheme();
  const editField = useAppState((s) => s.editField);
  // Edit mode: what cannot change in place is shown with why, and takes no typing.
  const fixed = useAppState((s) => s.wizard.edit?.fixed[field.id]);
  const labelWidth = Math.min(30, Math.max(16, Math.floor(width * 0.36)));
  const label = field.label.length > labelWidth - 1 ? `${field.label.slice(0, labelWidth - 2)}…` : field.label;
  const bad = field.error !== undefined;
  const value = (() => {
    if (fixed !== undefined) return <Text color={theme.muted}>{`${field.input === 'secret' ? '(kept)' : field.text}  (fixed: ${fixed})`}</Text>;
    if (field.input === 'choice') {
      const choice = field.choices.find((c) => c.value === field.text)?.label ?? field.text;
      return focused ? <Text color={theme.accent}>‹ {choice} ›</Text> : <Text>{choice}</Text>;
    }
    if (focused) {
      return (
        <TextInput
          value={field.text}
          onChange={(text) => editField(field.id, text)}
          focus={isActive}
          placeholder={field.placeholder ?? ''}
          {...(field.input === 'secret' ? { mask: MASK } : {})}
        />
      );
    }
    if (field.text === '') return <Text color={theme.muted}>{field.placeholder ?? ''}</Text>;
    return <Text>{field.input === 'secret' ? MASK.repeat(Math.min(field.text.length, 12)) : field.text}</Text>;
  })();
  return (
    <Text wrap="truncate-end">
      <Text color={bad ? theme.error : undefined}>{focused ? '▸ ' : '  '}</Text>
      <Text bold={focused}>{label.padEnd(labelWidth)}</Text>
      {value}
      {field.capacity ? <Text color={theme.muted}>{`   ${field.capacity}`}</Text> : null}
    </Text>
  );
}
