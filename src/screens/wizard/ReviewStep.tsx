import { Box, Text } from 'ink';
import { useState } from 'react';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { reviewEditKeymap, reviewKeymap } from './wizard-keymaps.js';

/**
 * Step 6: the plan exactly as `homelab-tui plan` prints it (secrets masked), where the answers file
 * goes and what is created on the host. Only the lines that fit are drawn; ↑/↓ and PgUp/PgDn scroll.
 */
export function ReviewStep({ width, height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const preflight = useAppState((s) => s.wizard.preflight);
  const host = useAppState((s) => s.wizard.host);
  const startInstall = useAppState((s) => s.startInstall);
  const [top, setTop] = useState(0);
  const edit = useAppState((s) => s.wizard.edit);
  const summary = edit
    ? [`Changes ${edit.name} on ${host}: the answers and files below (old -> new); on failure the old configuration comes back`]
    : [
    `Creates on ${host}: ${preflight?.creates.join(', ') || 'nothing'}`,
    ...(preflight?.credentials.length ? [`Secrets stay on ${host} in ${preflight.credentials.join(', ')}`] : []),
    `Answers file (no secrets): ${preflight?.answersFile ?? ''}`,
      ];
  const plan = (preflight?.planText ?? '').split('\n');
  // The summary wraps (paths are long and must be read whole); the plan gets the rows left.
  const summaryRows = summary.reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / Math.max(width, 20))), 0);
  const room = Math.max(height - summaryRows - 2, 3);
  const last = Math.max(plan.length - room, 0);
  const scroll = (delta: number) => setTop((t) => Math.min(Math.max(t + delta, 0), last));
  useKeymap(
    edit ? reviewEditKeymap : reviewKeymap,
    { install: () => void startInstall(), down: () => scroll(1), up: () => scroll(-1), 'page-down': () => scroll(room - 1), 'page-up': () => scroll(1 - room) },
    { isActive: scope === 'wizard-review' || scope === 'wizard-review-edit' },
  );
  return (
    <Box flexDirection="column">
      {summary.map((line) => (
        <Text key={line} wrap="wrap">
          {line}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        ── {edit ? 'The diff and the plan' : 'The plan'} ({top + 1}–{Math.min(top + room, plan.length)} of {plan.length} lines) · Enter {edit ? 'applies' : 'installs'} ──
      </Text>
      <Box flexDirection="column" height={room} overflow="hidden">
        {plan.slice(top, top + room).map((line, i) => (
          <Text key={top + i} wrap="truncate-end">
            {line === '' ? ' ' : line}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
