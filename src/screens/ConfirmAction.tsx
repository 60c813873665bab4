import { Box, Text } from 'ink';
import type { Confirmation } from '../store/actions-slice.js';
import { useTheme } from './theme.js';

/** Lines the question takes: the title, its detail, and the plan's steps when it shows a plan. */
export function confirmHeight(confirmation: Confirmation): number {
  return 2 + (confirmation.plan?.length ?? 0);
}

/**
 * The question before any dangerous action on a deployment (restart, uninstall, …): its title and
 * what it will do, answered with y, or n/esc (the confirm keymap). The words come from the action's
 * keymap entry; the store runs the action on yes.
 */
export function ConfirmAction({ confirmation }: { confirmation: Confirmation }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.warn} wrap="truncate-end">
        ⚠ {confirmation.title} <Text color={theme.accent}>[y/N]</Text>
      </Text>
      {confirmation.detail ? <Text color={theme.muted} wrap="truncate-end">  {confirmation.detail}</Text> : null}
      {(confirmation.plan ?? []).map((line, i) => (
        <Text key={`plan-${i}`} wrap="truncate-end">
          {'    '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
