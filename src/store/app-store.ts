import { createStore, type StoreApi } from 'zustand/vanilla';
import { createHostsSlice, type HostSummary, type HostsSlice } from './hosts-slice.js';
import { createShellSlice, type ShellSlice } from './shell-slice.js';

export type { HostSummary } from './hosts-slice.js';
export type { Route } from './shell-slice.js';

/** What the store needs from the services layer; the CLI composition root provides it. */
export interface AppDeps {
  loadHosts(): Promise<HostSummary[]>;
}

/** The whole app state: one slice per feature, combined in one vanilla zustand store. */
export type AppState = ShellSlice & HostsSlice;

export type AppStore = StoreApi<AppState>;

/** The one store of the app: plain state plus actions that call services and write results back. */
export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createShellSlice(...a),
    ...createHostsSlice(deps)(...a),
  }));
}
