import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { NEW_HOST_FIELDS } from '../../store/wizard-hosts.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { addHostKeymap } from './wizard-keymaps.js';

const LABELS: Record<(typeof NEW_HOST_FIELDS)[number], { label: string; help: string }> = {
  name: { label: 'Name', help: 'How homelab-tui calls it: letters, digits and inner hyphens, e.g. nas' },
  address: { label: 'Address', help: 'An IP address, a DNS name, or a Host alias from your ~/.ssh/config' },
  user: { label: 'User', help: 'Optional: the login (else your ssh config’s User, else your own name)' },
  port: { label: 'Port', help: 'Optional: the SSH port (else your ssh config’s, else 22)' },
};

/** Adds a host to the inventory without leaving the wizard; it is checked right after. */
export function AddHostForm({ isActive }: { width: number; isActive: boolean }) {
  const theme = useTheme();
  const form = useAppState((s) => s.wizard.addingHost);
  const edit = useAppState((s) => s.editNewHost);
  const move = useAppState((s) => s.moveNewHostFocus);
  const confirm = useAppState((s) => s.confirmNewHostField);
  const back = useAppState((s) => s.wizardBack);
  useKeymap(addHostKeymap, { next: () => move(1), previous: () => move(-1), confirm: () => void confirm(), cancel: back }, { isActive: isActive && !form?.saving });
  if (!form) return null;
  const focused = NEW_HOST_FIELDS[form.focus];
  return (
    <Box flexDirection="column">
      <Text bold>Add a host</Text>
      <Text color={theme.muted}>It is saved to your hosts inventory and checked over SSH.</Text>
      <Box flexDirection="column" marginTop={1}>
        {NEW_HOST_FIELDS.map((field) => (
          <Text key={field} wrap="truncate-end">
            {field === focused ? '▸ ' : '  '}
            {LABELS[field].label.padEnd(10)}
            {field === focused ? (
              <TextInput value={form.values[field]} onChange={(text) => edit(field, text)} focus={isActive && !form.saving} showCursor />
            ) : (
              <Text>{form.values[field]}</Text>
            )}
          </Text>
        ))}
      </Box>
      <Box marginTop={1} flexDirection="column">
        {focused ? <Text color={theme.muted} wrap="wrap">{LABELS[focused].help}</Text> : null}
        {form.saving ? <Text color={theme.muted}>Adding {form.values.name} and checking it…</Text> : null}
        {form.error ? <Text color={theme.error} wrap="wrap">✗ {form.error.message}</Text> : null}
        {form.error?.hint ? <Text color={theme.muted} wrap="wrap">  {form.error.hint}</Text> : null}
      </Box>
    </Box>
  );
}
