import { createStore, type StoreApi } from 'zustand/vanilla';

/** Which screen is showing. Screens read it; actions change it. */
export type Route = { name: 'dashboard' };

/** A host as the dashboard lists it. */
export interface HostSummary {
  name: string;
  address: string;
  kind: 'local' | 'ssh';
}

/** What the store needs from the services layer; the CLI composition root provides it. */
export interface AppDeps {
  loadHosts(): Promise<HostSummary[]>;
}

export interface AppState {
  route: Route;
  helpOpen: boolean;
  quitting: boolean;
  hosts: HostSummary[];
  loading: boolean;
  /** A message and hint when loading failed (for example a malformed hosts.yaml). */
  loadError: { message: string; hint?: string } | undefined;
  navigate(route: Route): void;
  toggleHelp(): void;
  closeHelp(): void;
  quit(): void;
  refresh(): Promise<void>;
}

export type AppStore = StoreApi<AppState>;

/** The one store of the app: plain state plus actions that call services and write results back. */
export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((set) => ({
    route: { name: 'dashboard' },
    helpOpen: false,
    quitting: false,
    hosts: [],
    loading: false,
    loadError: undefined,
    navigate: (route) => set({ route, helpOpen: false }),
    toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
    closeHelp: () => set({ helpOpen: false }),
    quit: () => set({ quitting: true }),
    refresh: async () => {
      set({ loading: true });
      try {
        set({ hosts: await deps.loadHosts(), loadError: undefined, loading: false });
      } catch (error) {
        const hint = (error as { hint?: unknown }).hint;
        set({
          loading: false,
          loadError: { message: (error as Error).message, ...(typeof hint === 'string' ? { hint } : {}) },
        });
      }
    },
  }));
}
