import { Box, Text, useApp } from 'ink';
import { useEffect } from 'react';
import type { AppStore } from '../store/app-store.js';
import { Dashboard } from './Dashboard.js';
import { Footer } from './Footer.js';
import { HelpOverlay } from './HelpOverlay.js';
import { globalKeymap, helpKeymap, keymapsByScope } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { StoreContext, useAppState } from './store-context.js';
import { colourTheme, plainTheme, ThemeContext, useTheme } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

/** The root: store and theme providers around the frame. */
export function App({ store, colour = true }: { store: AppStore; colour?: boolean }) {
  return (
    <StoreContext.Provider value={store}>
      <ThemeContext.Provider value={colour ? colourTheme : plainTheme}>
        <Frame />
      </ThemeContext.Provider>
    </StoreContext.Provider>
  );
}

/** Header, the current route's screen (or the help overlay) and the footer, sized to the terminal. */
function Frame() {
  const { exit } = useApp();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const route = useAppState((s) => s.route);
  const helpOpen = useAppState((s) => s.helpOpen);
  const quitting = useAppState((s) => s.quitting);
  const { toggleHelp, closeHelp, quit, refresh } = useAppState((s) => s);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (quitting) exit();
  }, [quitting, exit]);

  useKeymap(globalKeymap, { help: toggleHelp, quit });
  useKeymap(helpKeymap, { close: closeHelp }, { isActive: helpOpen });

  // One row short of the terminal: a frame that fills every row makes Ink clear and redraw the whole
  // screen on each update, which flickers over SSH.
  const height = Math.max(rows - 1, 3);
  const bodyHeight = height - 2;
  const screenKeymaps = keymapsByScope[route.name] ?? [globalKeymap];
  return (
    <Box flexDirection="column" width={columns} height={height}>
      <Box height={1} paddingX={1}>
        <Text bold color={theme.accent}>
          homelab-tui
        </Text>
        <Text color={theme.muted}> · {route.name}</Text>
      </Box>
      {helpOpen ? (
        <HelpOverlay keymaps={[...screenKeymaps, helpKeymap]} width={columns} height={bodyHeight} />
      ) : (
        <Dashboard width={columns} height={bodyHeight} isActive={!helpOpen} />
      )}
      <Footer keymaps={helpOpen ? keymapsByScope.help ?? [] : screenKeymaps} width={columns} />
    </Box>
  );
}
