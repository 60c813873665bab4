import { Box, Text, useApp } from 'ink';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStore } from '../store/app-store.js';
import { activeScope, disabledForRoute } from './action-reasons.js';
import { Footer } from './Footer.js';
import { HelpOverlay } from './HelpOverlay.js';
import { browseKeymap, globalKeymap, helpKeymap, keymapsByScope, newHostKeyKeymap } from './keymaps.js';
import { HostKeyDialog } from './wizard/HostKeyDialog.js';
import { useKeymap } from './keymap.js';
import { RouteScreen } from './RouteScreen.js';
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

const TYPED = 'typed as text on this screen';

/** Header, the current route's screen (or the help overlay) and the footer, sized to the terminal. */
function Frame() {
  const { exit } = useApp();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const route = useAppState((s) => s.route);
  const helpOpen = useAppState((s) => s.helpOpen);
  const quitting = useAppState((s) => s.quitting);
  const handedOver = useAppState((s) => s.handedOver);
  const hosts = useAppState((s) => s.hosts);
  // A new host key met outside the wizard (the wizard asks in its own screen).
  const hostKey = useAppState((s) => (s.route.name === 'wizard' ? undefined : s.hostKeyQuestions[0]));
  const answerNewHostKey = useAppState((s) => s.answerNewHostKey);
  const scope = useAppState(activeScope);
  const underHelp = useAppState((s) => activeScope({ ...s, helpOpen: false }));
  const disabled = useAppState(useShallow(disabledForRoute));
  // Only the actions: selecting the whole state would draw the frame again on every change.
  const { toggleHelp, closeHelp, quit, interrupt, start, watchFleet, unwatchFleet } = useAppState(
    useShallow((s) => ({
      toggleHelp: s.toggleHelp,
      closeHelp: s.closeHelp,
      quit: s.quit,
      interrupt: s.interrupt,
      start: s.start,
      watchFleet: s.watchFleet,
      unwatchFleet: s.unwatchFleet,
    })),
  );

  useEffect(() => {
    void start();
  }, [start]);
  useEffect(() => {
    watchFleet(hosts.map((h) => h.name));
  }, [hosts, watchFleet]);
  useEffect(() => unwatchFleet, [unwatchFleet]);
  useEffect(() => {
    if (quitting) exit();
  }, [quitting, exit]);

  const screenKeymaps = keymapsByScope[scope] ?? [globalKeymap];
  const helpKeymaps = keymapsByScope[underHelp] ?? [globalKeymap];
  useKeymap(globalKeymap, { quit: interrupt });
  // `?` and `q` work only where the screen under the help has them: in text fields they are typed.
  const browseKeys = new Set(helpKeymaps.flatMap((k) => k.bindings.flatMap((b) => b.keys)));
  useKeymap(browseKeymap, { help: toggleHelp, quit }, { disabled: { ...(browseKeys.has('?') ? {} : { help: TYPED }), ...(browseKeys.has('q') ? {} : { quit: TYPED }) } });
  useKeymap(helpKeymap, { close: closeHelp }, { isActive: helpOpen });

  // One row short of the terminal: a frame that fills every row makes Ink clear and redraw the whole
  // screen on each update, which flickers over SSH.
  const height = Math.max(rows - 1, 3);
  const bodyHeight = height - 2;
  return (
    // While a shell has the terminal nothing is drawn (the keys are held meanwhile); the screens stay
    // mounted, so the dashboard comes back as it was left.
    <Box flexDirection="column" width={columns} height={height} display={handedOver ? 'none' : 'flex'}>
      <Box height={1} paddingX={1}>
        <Text bold color={theme.accent}>
          homelab-tui
        </Text>
        <Text color={theme.muted}> · {route.name === 'wizard' ? 'install' : route.name}</Text>
      </Box>
      {helpOpen ? (
        <HelpOverlay keymaps={[...helpKeymaps, helpKeymap]} disabled={disabled} width={columns} height={bodyHeight} />
      ) : (
        <>
          {hostKey && <Box height={bodyHeight} paddingX={1}><HostKeyDialog request={hostKey} width={columns - 2} keymap={newHostKeyKeymap} answer={answerNewHostKey} /></Box>}
          {/* Under a host key question the screen stays mounted (a log stream keeps running), unseen. */}
          <Box display={hostKey ? 'none' : 'flex'} flexDirection="column">
            <RouteScreen route={route} width={columns} height={bodyHeight} isActive={!helpOpen && !hostKey} />
          </Box>
        </>
      )}
      <Footer keymaps={screenKeymaps} disabled={disabled} width={columns} />
    </Box>
  );
}
