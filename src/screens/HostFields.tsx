import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { HOST_FIELDS, type HostFormValues } from '../store/host-form.js';
import type { Problem } from '../store/wizard-types.js';
import { useTheme } from './theme.js';

const LABELS: Record<(typeof HOST_FIELDS)[number], { label: string; help: string }> = {
  name: { label: 'Name', help: 'How homelab-tui calls it: letters, digits and inner hyphens, e.g. nas' },
  address: { label: 'Address', help: 'An IP address, a DNS name, or a Host alias from your ~/.ssh/config' },
  user: { label: 'User', help: 'Optional: the login (else your ssh config’s User, else your own name)' },
  port: { label: 'Port', help: 'Optional: the SSH port (else your ssh config’s, else 22)' },
};

/** The fields of a host (name, address, user, port), the focused one editable, with its help and the error. */
export function HostFields({ values, focus, isActive, onChange, busy, error }: { values: HostFormValues; focus: number; isActive: boolean; onChange: (field: (typeof HOST_FIELDS)[number], text: string) => void; busy?: string; error?: Problem }) {
  const theme = useTheme();
  const focused = HOST_FIELDS[focus];
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" marginTop={1}>
        {HOST_FIELDS.map((field) => (
          <Text key={field} wrap="truncate-end">
            {field === focused ? '▸ ' : '  '}
            {LABELS[field].label.padEnd(10)}
            {field === focused ? <TextInput value={values[field]} onChange={(text) => onChange(field, text)} focus={isActive && !busy} showCursor /> : <Text>{values[field]}</Text>}
          </Text>
        ))}
      </Box>
      <Box marginTop={1} flexDirection="column">
        {focused ? <Text color={theme.muted} wrap="wrap">{LABELS[focused].help}</Text> : null}
        {busy ? <Text color={theme.muted}>{busy}</Text> : null}
        {error ? <Text color={theme.error} wrap="wrap">✗ {error.message}</Text> : null}
        {error?.hint ? <Text color={theme.muted} wrap="wrap">  {error.hint}</Text> : null}
      </Box>
    </Box>
  );
}
