import { Box, Text } from 'ink';
import { useState } from 'react';
import { dashboardKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

/** The fleet at a glance. With nothing deployed it says so and how to start. */
export function Dashboard({ width, height, isActive }: { width: number; height: number; isActive: boolean }) {
  const theme = useTheme();
  const hosts = useAppState((s) => s.hosts);
  const deployments = useAppState((s) => s.deployments);
  const loadError = useAppState((s) => s.loadError);
  const refresh = useAppState((s) => s.refresh);
  const refreshDeployments = useAppState((s) => s.refreshDeployments);
  const openWizard = useAppState((s) => s.openWizard);
  const [selected, setSelected] = useState(0);
  useKeymap(
    dashboardKeymap,
    {
      down: () => setSelected((i) => Math.min(i + 1, Math.max(hosts.length - 1, 0))),
      up: () => setSelected((i) => Math.max(i - 1, 0)),
      install: () => void openWizard(),
      refresh: () => {
        void refresh();
        void refreshDeployments();
      },
    },
    { isActive },
  );
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} overflow="hidden">
      {loadError ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text color={theme.error} wrap="wrap">
            ✗ {loadError.message}
          </Text>
          {loadError.hint ? <Text color={theme.muted} wrap="wrap">  {loadError.hint}</Text> : null}
        </Box>
      ) : null}
      <Text bold>Hosts</Text>
      {hosts.map((host, i) => (
        <Text key={host.name} wrap="truncate-end">
          {i === selected ? '▸ ' : '  '}
          <Text bold={i === selected}>{host.name.padEnd(16)}</Text>
          <Text color={theme.muted}>{host.kind === 'local' ? 'this machine' : host.address}</Text>
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        <Text bold>Deployments</Text>
        {deployments.length === 0 ? (
          <>
            <Text wrap="wrap">Nothing is deployed yet. Press i to install an app.</Text>
            <Text color={theme.muted} wrap="wrap">
              Start an install from a shell with: homelab-tui install APP --host HOST (see homelab-tui --help).
            </Text>
          </>
        ) : (
          deployments.map((d) => (
            <Text key={`${d.host}/${d.name}`} wrap="truncate-end">
              {'  '}
              <Text bold>{d.name.padEnd(16)}</Text>
              {`${d.app} on ${d.host} (${d.provider})`}
              <Text color={theme.muted}>{d.urls.length > 0 ? `  ${d.urls.join(' ')}` : ''}</Text>
            </Text>
          ))
        )}
      </Box>
    </Box>
  );
}
