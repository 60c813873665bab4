import { Box, Text } from 'ink';
import type { PreflightItem } from '../../store/wizard-types.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme, type Theme } from '../theme.js';
import { preflightKeymap } from './wizard-keymaps.js';

const MARK: Record<PreflightItem['status'], string> = { ok: '✓', warn: '⚠', fail: '✗' };
const RANK: Record<PreflightItem['status'], number> = { fail: 0, warn: 1, ok: 2 };

/** Step 5: what would make the install fail or surprise, ✓/⚠/✗ each with a hint. ✗ blocks; ⚠ can be accepted. */
export function PreflightStep({ width, height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const preflight = useAppState((s) => s.wizard.preflight);
  const host = useAppState((s) => s.wizard.host);
  const goOn = useAppState((s) => s.continueFromPreflight);
  const rerun = useAppState((s) => s.runPreflight);
  const failed = preflight?.items.filter((i) => i.status === 'fail').length ?? 0;
  const warned = preflight?.items.filter((i) => i.status === 'warn').length ?? 0;
  const blockedReason = preflight?.status !== 'done' ? 'preflight has not finished' : preflight.blocked ? 'a check failed (✗): fix it first' : undefined;
  useKeymap(preflightKeymap, { continue: goOn, rerun: () => void rerun() }, { isActive: scope === 'wizard-preflight', disabled: blockedReason ? { continue: blockedReason } : {} });
  if (!preflight || preflight.status === 'running') return <Text color={theme.muted}>Checking {host}: tools, names, ports, disk, images…</Text>;
  // Problems first, so a ✗ is never below the fold; each item wraps, and what does not fit is counted.
  const ordered = [...preflight.items].sort((a, b) => RANK[a.status] - RANK[b.status]);
  const room = Math.max(height - 4, 3);
  const rowsOf = (text: string) => Math.max(1, Math.ceil(text.length / Math.max(width, 20)));
  const shown: PreflightItem[] = [];
  let used = 0;
  for (const item of ordered) {
    const rows = rowsOf(`✓ ${item.label}${item.detail ? `: ${item.detail}` : ''}`) + (item.status !== 'ok' && item.hint ? rowsOf(`    hint: ${item.hint}`) : 0);
    if (used + rows > room - (shown.length < ordered.length - 1 ? 1 : 0)) break;
    shown.push(item);
    used += rows;
  }
  const more = ordered.length - shown.length;
  const hiddenProblems = ordered.slice(shown.length).filter((i) => i.status !== 'ok').length;
  return (
    <Box flexDirection="column">
      <Box flexDirection="column">
        {shown.flatMap((item, i) => itemLines(item, i, theme))}
        {more > 0 ? (
          <Text color={hiddenProblems > 0 ? theme.warn : theme.muted} wrap="truncate-end">
            … and {more} more check{more === 1 ? '' : 's'}
            {hiddenProblems > 0 ? `, ${hiddenProblems} not passed: make the terminal taller to read them` : ' that passed'}
          </Text>
        ) : null}
      </Box>
      {preflight.error ? (
        <Box flexDirection="column">
          <Text color={theme.error} wrap="wrap">✗ {preflight.error.message}</Text>
          {preflight.error.hint ? <Text color={theme.muted} wrap="wrap">  {preflight.error.hint}</Text> : null}
        </Box>
      ) : null}
      <Box marginTop={1}>
        {failed > 0 || preflight.status === 'failed' ? (
          <Text color={theme.error} wrap="wrap">
            {failed > 0 ? `${failed} check${failed === 1 ? '' : 's'} failed` : 'Preflight could not run'}: go back (Esc) and change the answers, or fix {host} and check again (r).
          </Text>
        ) : warned > 0 ? (
          <Text color={theme.warn} wrap="wrap">
            {warned} warning{warned === 1 ? '' : 's'}: Enter accepts {warned === 1 ? 'it' : 'them'} and continues to the review.
          </Text>
        ) : (
          <Text color={theme.ok}>All checks passed: Enter continues to the review.</Text>
        )}
      </Box>
    </Box>
  );
}

function itemLines(item: PreflightItem, index: number, theme: Theme) {
  const colour = item.status === 'ok' ? theme.ok : item.status === 'warn' ? theme.warn : theme.error;
  const lines = [
    <Text key={`${index}`} wrap="wrap">
      <Text color={colour}>{MARK[item.status]}</Text> {item.label}
      {item.detail ? <Text color={theme.muted}>: {item.detail}</Text> : null}
    </Text>,
  ];
  if (item.status !== 'ok' && item.hint) {
    lines.push(
      <Text key={`${index}-hint`} wrap="wrap" color={theme.muted}>
        {'    '}hint: {item.hint}
      </Text>,
    );
  }
  return lines;
}
