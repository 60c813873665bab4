import type { StateCreator } from 'zustand/vanilla';
import type { AppDeps, AppState } from './app-store.js';
import type { FleetRoute } from './fleet-routes.js';

/** Which screen is showing. Screens read it; actions change it. Each feature adds its routes here. */
export type Route = { name: 'dashboard' } | { name: 'wizard' } | { name: 'hosts' } | FleetRoute;

/** The frame around every screen: the route, the help overlay, start-up, quitting. */
export interface ShellSlice {
  route: Route;
  helpOpen: boolean;
  quitting: boolean;
  /** Loads what the first screen shows; on a first run (nothing deployed, no inventory) opens the wizard. */
  start(): Promise<void>;
  navigate(route: Route): void;
  toggleHelp(): void;
  closeHelp(): void;
  quit(): void;
  /** Ctrl-C: quits, except in the wizard, which asks first. */
  interrupt(): void;
}

export function createShellSlice(deps: AppDeps): StateCreator<AppState, [], [], ShellSlice> {
  return (set, get) => ({
    route: { name: 'dashboard' },
    helpOpen: false,
    quitting: false,
    start: async () => {
      deps.answerSsh(get().sshUi);
      const [firstRun] = await Promise.all([deps.isFirstRun().catch(() => false), get().refresh()]);
      if (firstRun && get().route.name === 'dashboard') await get().openWizard({ firstRun: true });
    },
    navigate: (route) => set({ route, helpOpen: false }),
    toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
    closeHelp: () => set({ helpOpen: false }),
    quit: () => set({ quitting: true }),
    interrupt: () => {
      if (get().route.name === 'wizard') get().wizardInterrupt();
      else get().quit();
    },
  });
}
