import { Box, Text } from 'ink';
import type { PreflightItem } from '../../store/wizard-types.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme, type Theme } from '../theme.js';
import { preflightKeymap } from './wizard-keymaps.js';

const MARK: Record<PreflightItem['status'], string> = { ok: '✓', warn: '⚠', fail: '✗' };

/** Step 5: what would make the install fail or surprise, ✓/⚠/✗ each with a hint. ✗ blocks; ⚠ can be accepted. */
export function PreflightStep({ height, scope }: { width: number; height: number; scope: string }) {
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
  const lines = preflight.items.flatMap((item, i) => itemLines(item, i, theme));
  const room = Math.max(height - 4, 3);
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" height={Math.min(room, lines.length)} overflow="hidden">
        {lines.slice(0, room)}
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
    <Text key={`${index}`} wrap="truncate-end">
      <Text color={colour}>{MARK[item.status]}</Text> {item.label}
      {item.detail ? <Text color={theme.muted}>: {item.detail}</Text> : null}
    </Text>,
  ];
  if (item.status !== 'ok' && item.hint) {
    lines.push(
      <Text key={`${index}-hint`} wrap="truncate-end" color={theme.muted}>
        {'    '}hint: {item.hint}
      </Text>,
    );
  }
  return lines;
}
