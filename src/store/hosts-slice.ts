import type { StateCreator } from 'zustand/vanilla';
import type { AppDeps, AppState } from './app-store.js';

/** A host as the dashboard lists it. */
export interface HostSummary {
  name: string;
  address: string;
  kind: 'local' | 'ssh';
}

/** The inventory as the app sees it, and why it could not be read. */
export interface HostsSlice {
  hosts: HostSummary[];
  loading: boolean;
  /** A message and hint when loading failed (for example a malformed hosts.yaml). */
  loadError: { message: string; hint?: string } | undefined;
  refresh(): Promise<void>;
}

export function createHostsSlice(deps: AppDeps): StateCreator<AppState, [], [], HostsSlice> {
  return (set) => ({
    hosts: [],
    loading: false,
    loadError: undefined,
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
  });
}
