import { Box, Text } from 'ink';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { ChoiceList } from './ChoiceList.js';

/** Step 3: how to run the app on the host; what the host cannot run is shown greyed with why. */
export function ProviderStep({ height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const providers = useAppState((s) => s.wizard.providers);
  const chosen = useAppState((s) => s.wizard.provider);
  const host = useAppState((s) => s.wizard.host);
  const error = useAppState((s) => s.wizard.error);
  const chooseProvider = useAppState((s) => s.chooseProvider);
  return (
    <Box flexDirection="column">
      <Text>How should it run on {host}?</Text>
      {error ? <Text color={theme.error} wrap="wrap">✗ {error.message}</Text> : null}
      <Box marginTop={1}>
        <ChoiceList
          choices={providers.map((p) => ({ key: p.id, label: `${p.label} (${p.id})`, ...(p.detail ? { detail: `uses ${p.detail}` } : {}), ...(p.disabledReason ? { disabledReason: p.disabledReason } : {}) }))}
          {...(chosen ? { initialKey: chosen } : {})}
          onChoose={(key) => void chooseProvider(key as ProviderId)}
          isActive={scope === 'wizard-provider'}
          height={height - 2}
        />
      </Box>
    </Box>
  );
}
