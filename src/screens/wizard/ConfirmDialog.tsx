import { Box, Text } from 'ink';
import type { ConfirmKind } from '../../store/wizard-types.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { confirmKeymap } from './wizard-keymaps.js';

const QUESTIONS: Record<ConfirmKind, { title: string; detail: string }> = {
  // It quits the app, so it says so (it used to say "the install wizard"); Esc steps back instead.
  quit: { title: 'Quit homelab-tui?', detail: 'Nothing has been installed; the answers typed here are lost. (Esc goes back a step, and from the first step to the dashboard.)' },
  stop: { title: 'Stop the install?', detail: 'What it created so far on the host is removed again (undone), then you can quit or start over.' },
};

/** Asks before Ctrl-C quits the wizard or stops a running install. Enter: yes; Esc: no. */
export function ConfirmDialog({ kind }: { kind: ConfirmKind }) {
  const theme = useTheme();
  const answer = useAppState((s) => s.answerWizardConfirm);
  useKeymap(confirmKeymap, { yes: () => answer(true), no: () => answer(false) });
  const question = QUESTIONS[kind];
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={theme.warn}>
        {question.title}
      </Text>
      <Text wrap="wrap">{question.detail}</Text>
      <Text color={theme.muted}>Enter: yes · Esc: no, go on</Text>
    </Box>
  );
}
