import { Box, Text } from 'ink';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme } from '../theme.js';
import { AddHostForm } from './AddHostForm.js';
import { ChoiceList } from './ChoiceList.js';
import { hostChoice } from './host-summary.js';
import { hostStepKeymap } from './wizard-keymaps.js';

const ADD = '#add';

/** Step 2: where to install, each host with its live check; a new host can be added here. */
export function HostStep({ width, height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const hosts = useAppState((s) => s.wizard.hosts);
  const chosen = useAppState((s) => s.wizard.lastAdded ?? s.wizard.host);
  const adding = useAppState((s) => s.wizard.addingHost);
  const appName = useAppState((s) => s.wizard.apps.find((a) => a.id === s.wizard.app)?.name ?? 'the app');
  const chooseHost = useAppState((s) => s.chooseHost);
  const startAddHost = useAppState((s) => s.startAddHost);
  const recheckHosts = useAppState((s) => s.recheckHosts);
  useKeymap(hostStepKeymap, { add: startAddHost, recheck: recheckHosts }, { isActive: scope === 'wizard-host' });
  if (adding) return <AddHostForm width={width} isActive={scope === 'wizard-add-host'} />;
  const choices = [...hosts.map(hostChoice), { key: ADD, label: '+ Add a host', detail: 'by address or ~/.ssh/config alias (or press a)' }];
  return (
    <Box flexDirection="column">
      <Text>Where should {appName} run?</Text>
      <Text color={theme.muted}>Each host is checked now: what it runs and how much room it has.</Text>
      <Box marginTop={1}>
        <ChoiceList
          choices={choices}
          {...(chosen ? { initialKey: chosen } : {})}
          onChoose={(key) => (key === ADD ? startAddHost() : chooseHost(key))}
          isActive={scope === 'wizard-host'}
          height={height - 3}
        />
      </Box>
    </Box>
  );
}
