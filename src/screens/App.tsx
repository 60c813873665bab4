import { Box, Text, useApp } from 'ink';
import { useEffect } from 'react';
import type { AppState, AppStore } from '../store/app-store.js';
import { Dashboard } from './Dashboard.js';
import { Footer } from './Footer.js';
import { HelpOverlay } from './HelpOverlay.js';
import { browseKeymap, globalKeymap, helpKeymap, keymapsByScope } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { StoreContext, useAppState } from './store-context.js';
import { colourTheme, plainTheme, ThemeContext, useTheme } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';
import { Wizard } from './wizard/Wizard.js';
import { wizardScope } from './wizard/wizard-scope.js';

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

/** The keymap scope on screen: the help overlay, the dashboard, or the wizard's step or dialog. */
export function scopeOf(state: Pick<AppState, 'route' | 'helpOpen' | 'wizard'>): string {
  if (state.helpOpen) return 'help';
  return state.route.name === 'wizard' ? wizardScope(state.wizard) : 'dashboard';
}

/** Header, the current route's screen (or the help overlay) and the footer, sized to the terminal. */
function Frame() {
  const { exit } = useApp();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const route = useAppState((s) => s.route);
  const helpOpen = useAppState((s) => s.helpOpen);
  const quitting = useAppState((s) => s.quitting);
  const scope = useAppState(scopeOf);
  const underHelp = useAppState((s) => scopeOf({ ...s, helpOpen: false }));
  const toggleHelp = useAppState((s) => s.toggleHelp);
  const closeHelp = useAppState((s) => s.closeHelp);
  const quit = useAppState((s) => s.quit);
  const interrupt = useAppState((s) => s.interrupt);
  const start = useAppState((s) => s.start);

  useEffect(() => {
    void start();
  }, [start]);
  useEffect(() => {
    if (quitting) exit();
  }, [quitting, exit]);

  const screenKeymaps = keymapsByScope[scope] ?? [globalKeymap];
  useKeymap(globalKeymap, { quit: interrupt });
  // `?` and `q` work only where the screen under the help has them: on the wizard's forms they are text.
  const keys = new Set((keymapsByScope[underHelp] ?? []).flatMap((k) => k.bindings.flatMap((b) => b.keys)));
  const typed = 'typed as text on this screen';
  useKeymap(browseKeymap, { help: toggleHelp, quit }, { disabled: { ...(keys.has('?') ? {} : { help: typed }), ...(keys.has('q') ? {} : { quit: typed }) } });
  useKeymap(helpKeymap, { close: closeHelp }, { isActive: helpOpen });

  // One row short of the terminal: a frame that fills every row makes Ink clear and redraw the whole
  // screen on each update, which flickers over SSH.
  const height = Math.max(rows - 1, 3);
  const bodyHeight = height - 2;
  const helpKeymaps = keymapsByScope[underHelp] ?? [];
  return (
    <Box flexDirection="column" width={columns} height={height}>
      <Box height={1} paddingX={1}>
        <Text bold color={theme.accent}>
          homelab-tui
        </Text>
        <Text color={theme.muted}> · {route.name === 'wizard' ? 'install' : route.name}</Text>
      </Box>
      {helpOpen ? (
        <HelpOverlay keymaps={[...helpKeymaps, helpKeymap]} width={columns} height={bodyHeight} />
      ) : route.name === 'wizard' ? (
        <Wizard width={columns} height={bodyHeight} />
      ) : (
        <Dashboard width={columns} height={bodyHeight} isActive={!helpOpen} />
      )}
      <Footer keymaps={screenKeymaps} width={columns} />
    </Box>
  );
}
