import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.js';
import type { FleetRoute } from './fleet-routes.js';

/** Which screen is showing. Screens read it; actions change it. Each feature adds its routes here. */
export type Route = { name: 'dashboard' } | FleetRoute;

/** The frame around every screen: the route, the help overlay, quitting. */
export interface ShellSlice {
  route: Route;
  helpOpen: boolean;
  quitting: boolean;
  navigate(route: Route): void;
  toggleHelp(): void;
  closeHelp(): void;
  quit(): void;
}

export const createShellSlice: StateCreator<AppState, [], [], ShellSlice> = (set) => ({
  route: { name: 'dashboard' },
  helpOpen: false,
  quitting: false,
  navigate: (route) => set({ route, helpOpen: false }),
  toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
  closeHelp: () => set({ helpOpen: false }),
  quit: () => set({ quitting: true }),
});
