import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useRef, useState } from 'react';
import type { PassphraseRequest } from '../../platform/ssh/interaction.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { passphraseKeymap } from './wizard-keymaps.js';

/**
 * An encrypted identity file needs its passphrase to log in. It is typed masked and handed to the SSH
 * layer only; it never enters the store.
 */
export function PassphraseDialog({ request, width }: { request: PassphraseRequest; width: number }) {
  const theme = useTheme();
  const answer = useAppState((s) => s.answerPassphrase);
  const [text, setText] = useState('');
  // Enter may come in the same burst as the last characters: read what was typed from a ref.
  const typed = useRef('');
  useKeymap(passphraseKeymap, { unlock: () => answer(typed.current), skip: () => answer(undefined) });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width - 2, 78)}>
      <Text bold>Passphrase for {request.identityFile}</Text>
      <Text wrap="wrap">
        To log in to {request.host}.{request.attempt > 1 ? <Text color={theme.error}> That passphrase was wrong; try again.</Text> : null}
      </Text>
      <Text>
        {'  '}
        <TextInput
          value={text}
          mask="•"
          onChange={(next) => {
            typed.current = next.replace(/[\r\n]/g, '');
            setText(typed.current);
          }}
        />
      </Text>
      <Text color={theme.muted} wrap="wrap">
        It is kept for this session only. An ssh-agent avoids asking: ssh-add {request.identityFile}
      </Text>
    </Box>
  );
}
