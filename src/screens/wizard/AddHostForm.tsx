import { Box, Text } from 'ink';
import { HostFields } from '../HostFields.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { addHostKeymap } from './wizard-keymaps.js';

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
  return (
    <Box flexDirection="column">
      <Text bold>Add a host</Text>
      <Text color={theme.muted}>It is saved to your hosts inventory and checked over SSH.</Text>
      <HostFields values={form.values} focus={form.focus} isActive={isActive} onChange={edit} {...(form.saving ? { busy: `Adding ${form.values.name} and checking it…` } : {})} {...(form.error ? { error: form.error } : {})} />
    </Box>
  );
}
