import { Box, Text } from 'ink';
import type { OperationStatus } from '../../platform/operation/operation-events.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { commandLines } from './command-lines.js';
import { DefaultsDialog } from './DefaultsDialog.js';
import { LogPane } from './LogPane.js';
import { doneKeymap } from './wizard-keymaps.js';

const ENDINGS: Record<OperationStatus, string> = {
  succeeded: 'The install succeeded.',
  failed: 'The install failed.',
  cancelled: 'The install was stopped; everything it created was removed.',
  undone: 'The install failed; everything it created was removed.',
  'undo-incomplete': 'The install failed and not everything could be removed: see the log.',
  kept: 'The install failed; everything is left as it was, for debugging.',
};

/** How the install ended: the URL, where secrets and answers are, next steps and the CLI line; or what happened. */
export function DoneView({ width, height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const wizard = useAppState((s) => s.wizard);
  const finish = useAppState((s) => s.finishWizard);
  const reviewDefaults = useAppState((s) => s.reviewDefaults);
  const install = wizard.install;
  const outcome = install?.outcome;
  const succeeded = outcome?.status === 'succeeded';
  useKeymap(doneKeymap, { finish, save: () => void reviewDefaults() }, { isActive: scope === 'wizard-done', disabled: succeeded ? {} : { save: 'only after a successful install' } });
  if (!install || !outcome) return null;
  if (install.defaults) return <DefaultsDialog width={width} />;
  const name = wizard.form?.state.name ?? wizard.app;
  const preflight = wizard.preflight;
  if (!succeeded) {
    return (
      <Box flexDirection="column">
        <Text color={theme.error} wrap="wrap">
          ✗ {ENDINGS[outcome.status]}
          {outcome.failure ? ` (${outcome.failure.title}: ${outcome.failure.message})` : ''}
        </Text>
        {outcome.logPath ? <Text wrap="truncate-end">Operation log: {outcome.logPath}</Text> : null}
        <Text color={theme.muted}>Enter goes to the dashboard.</Text>
        <LogPane lines={install.log} height={Math.max(height - 5, 3)} title="the last lines of the log" />
      </Box>
    );
  }
  if (wizard.edit) {
    const seconds = install.endedAt !== undefined ? ((install.endedAt - install.startedAt) / 1000).toFixed(1) : '?';
    return (
      <Box flexDirection="column">
        <Text color={theme.ok} bold wrap="truncate-end">
          ✓ {wizard.edit.name} is reconfigured on {wizard.host} and healthy (applied in {seconds} s).
        </Text>
        <Text wrap="truncate-end">
          {'  '}Interruption: {outcome.interruptionMs ? `at most ${(outcome.interruptionMs / 1000).toFixed(1)} s (recreated until healthy again)` : 'none (changed without a restart)'}
        </Text>
        {outcome.urls.map((url) => (
          <Text key={url} wrap="truncate-end">
            {'  '}Open it: <Text bold>{url}</Text>
          </Text>
        ))}
        <Text wrap="truncate-end">  The same change, unattended: {preflight?.commandLine}</Text>
        <Text color={theme.muted}>Enter goes to the dashboard.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text color={theme.ok} bold wrap="truncate-end">
        ✓ {name} is installed on {wizard.host} and healthy.
      </Text>
      {outcome.urls.map((url) => (
        <Text key={url} wrap="truncate-end">
          {'  '}Open it: <Text bold>{url}</Text>
        </Text>
      ))}
      <Text wrap="wrap">
        {'  '}Secrets: {preflight?.credentials.length ? `they stay on ${wizard.host}, in ${preflight.credentials.join(', ')} (mode 0600)` : 'none were needed'}
      </Text>
      <Text wrap="wrap">  Answers file: {preflight?.answersFile}</Text>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Next</Text>
        <Text wrap="truncate-end">  Enter: the dashboard, where {name} is listed</Text>
        <Text wrap="truncate-end">  s: save these answers as the defaults for {wizard.app}</Text>
        <Text wrap="truncate-end">  Logs: homelab-tui logs {name} · status: homelab-tui status --host {wizard.host}</Text>
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>The same install, unattended:</Text>
        {commandLines(preflight?.commandLine ?? '', width - 4).map((line) => (
          <Text key={line}>  {line}</Text>
        ))}
        {wizard.form?.state.typedSecrets.length ? (
          <Text color={theme.muted} wrap="wrap">
            {'  '}Secrets are not shown: add --set {wizard.form.state.typedSecrets.map((id) => `${id}=…`).join(' --set ')}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}
