import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useRef, useState } from 'react';
import type { ArchiveKeyQuestion } from '../store/actions-slice.js';
import { archiveKeyKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

/** Lines the question takes. */
export const ARCHIVE_KEY_LINES = 2;

/**
 * An encrypted archive's passphrase, typed masked before its restore is planned. What is typed stays
 * in this component and goes straight to the restore's planning; it never enters the store.
 */
export function ArchiveKeyLine({ question, isActive }: { question: ArchiveKeyQuestion; isActive: boolean }) {
  const theme = useTheme();
  const answer = useAppState((s) => s.answerArchiveKey);
  const [text, setText] = useState('');
  // Enter may come in the same burst as the last characters: read what was typed from a ref.
  const typed = useRef('');
  useKeymap(archiveKeyKeymap, { open: () => answer(typed.current), cancel: () => answer(undefined) }, { isActive, typing: true });
  const file = question.archive.split('/').pop() ?? question.archive;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.warn}>Passphrase for {file}</Text>
        {question.wrong ? <Text color={theme.error}> (that one does not open it; try again)</Text> : null}
        <Text>: </Text>
        <TextInput
          value={text}
          mask="•"
          focus={isActive}
          onChange={(next) => {
            typed.current = next.replace(/[\r\n]/g, '');
            setText(typed.current);
          }}
        />
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {'  '}It is encrypted (age): enter opens it into a 0600 copy beside it, for the restore's plan; esc does not restore.
      </Text>
    </Box>
  );
}
