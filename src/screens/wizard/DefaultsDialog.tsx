import { Box, Text } from 'ink';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { defaultsKeymap } from './wizard-keymaps.js';

/** Saving these answers as the app's defaults: the diff against what is saved now, then Enter saves. */
export function DefaultsDialog({ width }: { width: number }) {
  const theme = useTheme();
  const defaults = useAppState((s) => s.wizard.install?.defaults);
  const app = useAppState((s) => s.wizard.app);
  const save = useAppState((s) => s.saveDefaults);
  const close = useAppState((s) => s.closeDefaults);
  const canSave = defaults?.status === 'review' && defaults.changes.length > 0;
  useKeymap(defaultsKeymap, { save: () => void save(), cancel: close }, { disabled: canSave ? {} : { save: 'nothing to save now' } });
  if (!defaults) return null;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width - 2, 78)}>
      <Text bold>Save these answers as defaults for {app}</Text>
      <Text color={theme.muted} wrap="wrap">
        Every later install of {app} (wizard or CLI) starts from them. Only answers that differ from the app's own defaults are kept; secrets never are.
      </Text>
      {defaults.status === 'loading' ? <Text color={theme.muted}>Reading the saved defaults…</Text> : null}
      {defaults.changes.length === 0 && defaults.status === 'review' ? <Text>Nothing changes: the saved defaults already say this.</Text> : null}
      {defaults.changes.map((change) => (
        <Text key={change.id} wrap="truncate-end" color={change.kind === 'removed' ? theme.error : change.kind === 'added' ? theme.ok : theme.warn}>
          {change.kind === 'added' ? `+ ${change.id}: ${change.after}` : change.kind === 'removed' ? `- ${change.id}: ${change.before}` : `~ ${change.id}: ${change.before} → ${change.after}`}
        </Text>
      ))}
      {defaults.status === 'saved' ? <Text color={theme.ok}>✓ Saved to {defaults.path}</Text> : null}
      {defaults.error ? <Text color={theme.error} wrap="wrap">✗ {defaults.error.message}</Text> : null}
      <Text color={theme.muted}>{canSave ? 'Enter: save · Esc: close' : 'Esc: close'}</Text>
    </Box>
  );
}
