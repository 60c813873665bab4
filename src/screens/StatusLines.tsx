import { Box, Text } from 'ink';
import type { ArchiveKeyQuestion, Confirmation, Notice, RunningActions } from '../store/actions-slice.js';
import { ArchiveKeyLine, ARCHIVE_KEY_LINES } from './ArchiveKeyLine.js';
import { ConfirmAction, confirmHeight } from './ConfirmAction.js';
import { useTheme } from './theme.js';

type Parts = { confirm?: Confirmation | undefined; notice?: Notice | undefined; running?: RunningActions | undefined; archiveKey?: ArchiveKeyQuestion | undefined };

/** At most this many running actions get a line each; the rest are counted on one more. */
const RUNNING_LINES = 3;

function runningLines(running: RunningActions | undefined): number {
  const count = Object.keys(running ?? {}).length;
  return count > RUNNING_LINES ? RUNNING_LINES + 1 : count;
}

/** Lines the status area takes at this width (so the list above can size itself). */
export function statusHeight(parts: Parts, width: number): number {
  if (parts.archiveKey) return ARCHIVE_KEY_LINES;
  if (parts.confirm) return confirmHeight(parts.confirm);
  const noticeLines = parts.notice ? Math.ceil((parts.notice.text.length + 2) / Math.max(width, 1)) + (parts.notice.hint ? 1 : 0) : 0;
  return runningLines(parts.running) + noticeLines;
}

/**
 * The area above the footer: an archive's passphrase being typed, a pending question, each running action's progress (one line per
 * deployment), or the last notice. A notice's text wraps rather than being cut, so a URL can be selected whole.
 */
export function StatusLines({ confirm, notice, running, archiveKey, keyActive = false }: Parts & { keyActive?: boolean }) {
  const theme = useTheme();
  if (archiveKey) return <ArchiveKeyLine question={archiveKey} isActive={keyActive} />;
  if (confirm) return <ConfirmAction confirmation={confirm} />;
  const tone = notice?.tone === 'error' ? theme.error : notice?.tone === 'ok' ? theme.ok : undefined;
  const actions = Object.entries(running ?? {});
  return (
    <Box flexDirection="column">
      {actions.slice(0, RUNNING_LINES).map(([key, action]) => (
        <Text key={key} color={theme.accent} wrap="truncate-end">
          … {action.label}
          {action.progress ? ` (${action.progress})` : ''}
        </Text>
      ))}
      {actions.length > RUNNING_LINES ? <Text color={theme.accent}>… and {actions.length - RUNNING_LINES} more running</Text> : null}
      {notice ? (
        <Text color={tone} wrap="wrap">
          {notice.tone === 'error' ? '✗ ' : notice.tone === 'ok' ? '✓ ' : ''}
          {notice.text}
        </Text>
      ) : null}
      {notice?.hint ? <Text color={theme.muted} wrap="truncate-end">  {notice.hint}</Text> : null}
    </Box>
  );
}
