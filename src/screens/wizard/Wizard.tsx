import { Box, Text } from 'ink';
import { STEP_TITLES, WIZARD_STEPS } from '../../store/wizard-types.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { AppStep } from './AppStep.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { HostKeyDialog } from './HostKeyDialog.js';
import { HostStep } from './HostStep.js';
import { InstallStep } from './InstallStep.js';
import { PassphraseDialog } from './PassphraseDialog.js';
import { PreflightStep } from './PreflightStep.js';
import { ProviderStep } from './ProviderStep.js';
import { QuestionsStep } from './QuestionsStep.js';
import { ReviewStep } from './ReviewStep.js';
import { loadingKeymap, wizardNavKeymap } from './wizard-keymaps.js';
import { wizardScope } from './wizard-scope.js';

/** The install wizard: "Step n/N", what is chosen so far, then the step (or a dialog over it). */
export function Wizard({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const wizard = useAppState((s) => s.wizard);
  const back = useAppState((s) => s.wizardBack);
  const scope = wizardScope(wizard);
  const stepHasNav = ['wizard-app', 'wizard-host', 'wizard-provider', 'wizard-preflight', 'wizard-review', 'wizard-review-edit'].includes(scope);
  useKeymap(wizardNavKeymap, { back }, { isActive: stepHasNav });
  useKeymap(loadingKeymap, { back }, { isActive: scope === 'wizard-loading' });

  const number = WIZARD_STEPS.indexOf(wizard.step) + 1;
  const appName = wizard.apps.find((a) => a.id === wizard.app)?.name;
  const chosen = [appName, wizard.host, wizard.provider].filter((c): c is string => c !== undefined);
  // Two header rows; a dialog takes the body's place so the step under it cannot take keys.
  const bodyHeight = Math.max(height - 3, 3);
  const body = (() => {
    if (wizard.status === 'loading') return <Text color={theme.muted}>Loading the app catalog and hosts…</Text>;
    if (wizard.status === 'failed') {
      return (
        <Box flexDirection="column">
          <Text color={theme.error} wrap="wrap">✗ {wizard.error?.message}</Text>
          {wizard.error?.hint ? <Text color={theme.muted} wrap="wrap">  {wizard.error.hint}</Text> : null}
        </Box>
      );
    }
    if (wizard.confirm) return <ConfirmDialog kind={wizard.confirm} />;
    if (wizard.hostKeys[0]) return <HostKeyDialog request={wizard.hostKeys[0]} width={width} />;
    if (wizard.passphrases[0]) return <PassphraseDialog key={`${wizard.passphrases[0].identityFile}-${wizard.passphrases[0].attempt}`} request={wizard.passphrases[0]} width={width} />;
    const props = { width: width - 2, height: bodyHeight, scope };
    switch (wizard.step) {
      case 'app':
        return <AppStep {...props} />;
      case 'host':
        return <HostStep {...props} />;
      case 'provider':
        return <ProviderStep {...props} />;
      case 'questions':
        return <QuestionsStep {...props} />;
      case 'preflight':
        return <PreflightStep {...props} />;
      case 'review':
        return <ReviewStep {...props} />;
      case 'install':
        return <InstallStep {...props} />;
    }
  })();
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>
          {wizard.edit ? `Edit ${wizard.edit.name} on ${wizard.edit.host}` : `Step ${number}/${WIZARD_STEPS.length}`} · {wizard.edit && wizard.step === 'install' ? 'Apply' : STEP_TITLES[wizard.step]}
        </Text>
        {wizard.firstRun && wizard.step === 'app' ? <Text color={theme.muted}> · welcome: let's install your first app</Text> : null}
      </Text>
      <Text wrap="truncate-end" color={theme.muted}>
        {chosen.length > 0 ? chosen.join(' › ') : 'Nothing chosen yet'}
      </Text>
      <Box marginTop={1} flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
    </Box>
  );
}
