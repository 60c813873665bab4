import { Box, Text } from 'ink';
import type { NewHostKeyRequest } from '../../platform/ssh/interaction.js';
import { useKeymap, type KeymapSpec } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { hostKeyKeymap } from './wizard-keymaps.js';

/**
 * A host offered a key never seen before: show its SHA256 fingerprint and ask before trusting it. The
 * wizard answers its own questions; elsewhere the frame passes the store's `answer` and keymap.
 */
export function HostKeyDialog({ request, width, keymap = hostKeyKeymap, answer }: { request: NewHostKeyRequest; width: number; keymap?: KeymapSpec<'accept' | 'refuse'>; answer?: (accept: boolean) => void }) {
  const theme = useTheme();
  const wizardAnswer = useAppState((s) => s.answerHostKey);
  const reply = answer ?? wizardAnswer;
  useKeymap(keymap, { accept: () => reply(true), refuse: () => reply(false) });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width - 2, 78)}>
      <Text bold color={theme.warn}>
        New host key: {request.host}
      </Text>
      <Text wrap="wrap">{request.knownHostsName} offered a key this machine has never seen:</Text>
      <Text bold>
        {'  '}
        {request.keyType} {request.fingerprint}
      </Text>
      <Text color={theme.muted} wrap="wrap">
        Compare it with what the host itself says; on the host run:
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {'  '}ssh-keygen -lf /etc/ssh/ssh_host_{request.keyType.replace(/^ssh-/, '').replace(/^ecdsa.*/, 'ecdsa')}_key.pub
      </Text>
      <Text wrap="wrap">Enter trusts it and remembers it in homelab-tui's known_hosts; Esc refuses and does not connect.</Text>
    </Box>
  );
}
