import { Box, Text } from 'ink';
import { useAppState } from '../store-context.js';
import { ChoiceList } from './ChoiceList.js';

/** Step 1: which app to install. */
export function AppStep({ height, scope }: { width: number; height: number; scope: string }) {
  const apps = useAppState((s) => s.wizard.apps);
  const chosen = useAppState((s) => s.wizard.app);
  const chooseApp = useAppState((s) => s.chooseApp);
  return (
    <Box flexDirection="column">
      <Text>Which app do you want to install?</Text>
      <Box marginTop={1}>
        <ChoiceList
          choices={apps.map((a) => ({ key: a.id, label: a.name, detail: a.description }))}
          {...(chosen ? { initialKey: chosen } : {})}
          onChoose={chooseApp}
          isActive={scope === 'wizard-app'}
          height={height - 2}
        />
      </Box>
    </Box>
  );
}
