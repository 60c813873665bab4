import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SshInteraction } from '../services/ssh/interaction.js';
import type { WizardBackend } from '../services/wizard/wizard-backend.js';
import { createDeploymentsSlice, type DeploymentSummary, type DeploymentsSlice } from './deployments-slice.js';
import { createHostsSlice, type HostSummary, type HostsSlice } from './hosts-slice.js';
import { createShellSlice, type ShellSlice } from './shell-slice.js';
import { createWizardSlice, type WizardSlice } from './wizard-slice.js';

export type { DeploymentSummary } from './deployments-slice.js';
export type { HostSummary } from './hosts-slice.js';
export type { Route } from './shell-slice.js';

/** What the store needs from the services layer; the CLI composition root provides it. */
export interface AppDeps {
  loadHosts(): Promise<HostSummary[]>;
  /** Deployments as last known on this machine (the local cache of the hosts' records). */
  loadDeployments(): Promise<DeploymentSummary[]>;
  /** Nothing deployed and no inventory yet: the app opens the install wizard. */
  isFirstRun(): Promise<boolean>;
  /**
   * Builds the wizard's services when it first opens (after the first frame: the catalog and the
   * SSH pool are not needed to draw it). `ui` answers the SSH layer's questions with dialogs.
   */
  loadWizard(ui: SshInteraction): Promise<WizardBackend>;
  /** Milliseconds since the epoch (elapsed time on the install screen). */
  now(): number;
}

/** The whole app state: one slice per feature, combined in one vanilla zustand store. */
export type AppState = ShellSlice & HostsSlice & DeploymentsSlice & WizardSlice;

export type AppStore = StoreApi<AppState>;

/** The one store of the app: plain state plus actions that call services and write results back. */
export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createShellSlice(deps)(...a),
    ...createHostsSlice(deps)(...a),
    ...createDeploymentsSlice(deps)(...a),
    ...createWizardSlice(deps)(...a),
  }));
}
