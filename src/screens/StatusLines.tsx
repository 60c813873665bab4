import { Box, Text } from 'ink';
import type { Confirmation, Notice, RunningAction } from '../store/actions-slice.js';
import { useTheme } from './theme.js';

type Parts = { confirm?: Confirmation | undefined; notice?: Notice | undefined; running?: RunningAction | undefined };

/** Lines the status area takes at this width (so the list above can size itself). */
export function statusHeight(parts: Parts, width: number): number {
  if (parts.confirm) return 2;
  const noticeLines = parts.notice ? Math.ceil((parts.notice.text.length + 2) / Math.max(width, 1)) + (parts.notice.hint ? 1 : 0) : 0;
  return (parts.running ? 1 : 0) + noticeLines;
}

/**
 * The area above the footer: a pending question, a running action's progress, or the last notice.
 * A notice's text wraps rather than being cut, so a URL can be selected whole.
 */
export function StatusLines({ confirm, notice, running }: Parts) {
  const theme = useTheme();
  if (confirm) {
    return (
      <Box flexDirection="column">
        <Text bold color={theme.warn} wrap="truncate-end">
          ⚠ {confirm.title} <Text color={theme.accent}>[y/N]</Text>
        </Text>
        {confirm.detail ? <Text color={theme.muted} wrap="truncate-end">  {confirm.detail}</Text> : null}
      </Box>
    );
  }
  const tone = notice?.tone === 'error' ? theme.error : notice?.tone === 'ok' ? theme.ok : undefined;
  return (
    <Box flexDirection="column">
      {running ? (
        <Text color={theme.accent} wrap="truncate-end">
          … {running.label}
          {running.progress ? ` (${running.progress})` : ''}
        </Text>
      ) : null}
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
