import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FleetDeps } from '../services/fleet/fleet-deps.js';
import { createActionsSlice, type ActionsSlice } from './actions-slice.js';
import { createDetailsSlice, type DetailsSlice } from './details-slice.js';
import { createFleetSlice, type FleetSlice } from './fleet-slice.js';
import { createHostsSlice, type HostSummary, type HostsSlice } from './hosts-slice.js';
import { createLogsSlice, type LogsSlice } from './logs-slice.js';
import { createShellSlice, type ShellSlice } from './shell-slice.js';

export type { HostSummary } from './hosts-slice.js';
export type { Route } from './shell-slice.js';

/** What the store needs from the services layer; the CLI composition root provides it. */
export interface AppDeps {
  loadHosts(): Promise<HostSummary[]>;
  /** The dashboard's services: polling, connection states, details, restart, logs. */
  fleet: FleetDeps;
}

/** The whole app state: one slice per feature, combined in one vanilla zustand store. */
export type AppState = ShellSlice & HostsSlice & FleetSlice & DetailsSlice & ActionsSlice & LogsSlice;

export type AppStore = StoreApi<AppState>;

/** The one store of the app: plain state plus actions that call services and write results back. */
export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createShellSlice(...a),
    ...createHostsSlice(deps)(...a),
    ...createFleetSlice(deps)(...a),
    ...createDetailsSlice(deps)(...a),
    ...createActionsSlice(deps)(...a),
    ...createLogsSlice(deps)(...a),
  }));
}
