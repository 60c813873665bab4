import { Box, Text } from 'ink';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { DoneView } from './DoneView.js';
import { LogPane } from './LogPane.js';
import { RecoveryMenu } from './RecoveryMenu.js';
import { elapsedText, useTicker } from './use-ticker.js';

const BAR = 30;

/** Step 7: progress (step n/N, percent, elapsed time) over a live log; then done, or the recovery menu. */
export function InstallStep({ width, height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const install = useAppState((s) => s.wizard.install);
  const summary = useAppState((s) => `${s.wizard.form?.state.name ?? s.wizard.app} on ${s.wizard.host} with ${s.wizard.provider}`);
  const running = install?.phase === 'running' || install?.phase === 'stopping';
  const now = useTicker(running);
  if (!install) return null;
  if (install.phase === 'finished') return <DoneView width={width} height={height} scope={scope} />;
  const elapsed = elapsedText((install.endedAt ?? now) - install.startedAt);
  const filled = Math.round((install.percent / 100) * BAR);
  if (install.phase === 'failed' && install.failure) {
    const { failure } = install;
    // Title, message, hint, a blank row and the menu's 8 rows; the log tail gets what is left.
    const logHeight = Math.max(height - (failure.hint ? 12 : 11), 2);
    return (
      <Box flexDirection="column">
        <Text color={theme.error} wrap="truncate-end">
          ✗ Step {failure.step + 1}/{install.total} failed: {failure.title}
        </Text>
        <Text wrap="truncate-end">  {failure.message}</Text>
        {failure.hint ? <Text color={theme.muted} wrap="truncate-end">  hint: {failure.hint}</Text> : null}
        <Box marginTop={1}>
          <RecoveryMenu isActive={scope === 'wizard-recovery'} />
        </Box>
        <LogPane lines={install.log} height={logHeight} title="the last lines of the log" />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {install.phase === 'stopping' ? 'Stopping and undoing what was created: ' : 'Installing '}
        {summary}
      </Text>
      <Text wrap="truncate-end">
        <Text bold>
          [{Math.min(install.index + 1, Math.max(install.total, 1))}/{install.total || '…'}] {String(install.percent).padStart(3)}%
        </Text>{' '}
        {install.title} · {elapsed}
      </Text>
      <Text color={theme.accent}>
        {'█'.repeat(filled)}
        <Text color={theme.muted}>{'░'.repeat(BAR - filled)}</Text>
      </Text>
      <Text color={theme.muted}>Ctrl-C stops the install and removes what it created (it asks first).</Text>
      <LogPane lines={install.log} height={Math.max(height - 5, 3)} title="log" />
    </Box>
  );
}
