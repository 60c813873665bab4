import { createStore, type StoreApi } from 'zustand/vanilla';
import { BugError } from '../platform/errors.js';
import type { SshInteraction } from '../platform/ssh/interaction.js';
import type { WizardBackend } from '../services/wizard/wizard-backend.js';
import type { TerminalHandOver } from '../services/fleet/fleet-reading.js';
import type { FleetDeps } from '../services/fleet/fleet-deps.js';
import type { HostsService } from '../services/hosts/hosts-service.js';
import { createHostKeysSlice, type HostKeysSlice } from './host-keys-slice.js';
import { createHostsScreenSlice, type HostsScreenSlice } from './hosts-screen-slice.js';
import { createActionsSlice, type ActionsSlice } from './actions-slice.js';
import { createCommandLineSlice, type CommandLineSlice } from './command-line-slice.js';
import { createDetailsSlice, type DetailsSlice } from './details-slice.js';
import { createFleetSlice, type FleetSlice } from './fleet-slice.js';
import { createHostsSlice, type HostSummary, type HostsSlice } from './hosts-slice.js';
import { createLogsSlice, type LogsSlice } from './logs-slice.js';
import { createShellSlice, type ShellSlice } from './shell-slice.js';
import { createWizardSlice, type WizardSlice } from './wizard-slice.js';

export type { HostSummary } from './hosts-slice.js';
export type { Route } from './shell-slice.js';

/** What the store needs from the services layer; the CLI composition root provides it. */
export interface AppDeps {
  loadHosts(): Promise<HostSummary[]>;
  /** Nothing deployed and no inventory yet: the app opens the install wizard. */
  isFirstRun(): Promise<boolean>;
  /**
   * Builds the wizard's services when it first opens (after the first frame: the catalog and the
   * SSH pool are not needed to draw it). `ui` answers the SSH layer's questions with dialogs.
   */
  loadWizard(ui: SshInteraction): Promise<WizardBackend>;
  /** The inventory's use cases (add, edit, remove, check) for the hosts screen, loaded when it opens. */
  loadHostsService(): Promise<HostsService>;
  /** Who answers the app's SSH pool's questions (a new host key): the store, from its start. */
  answerSsh(ui: SshInteraction): void;
  /** Milliseconds since the epoch (elapsed time on the install screen). */
  now(): number;
  /** The dashboard's services: polling, connection states, details, restart, logs. */
  fleet: FleetDeps;
  /** Lends the terminal to a shell: the app's screen and keys are put away until it ends. */
  handOver: TerminalHandOver;
}

/** The whole app state: one slice per feature, combined in one vanilla zustand store. */
export type AppState = ShellSlice & HostsSlice & WizardSlice & FleetSlice & DetailsSlice & ActionsSlice & LogsSlice & HostKeysSlice & HostsScreenSlice & CommandLineSlice;

export type AppStore = StoreApi<AppState>;

/** The one store of the app: plain state plus actions that call services and write results back. */
export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((...a) => {
    const slices = {
      shell: createShellSlice(deps)(...a),
      hosts: createHostsSlice(deps)(...a),
      wizard: createWizardSlice(deps)(...a),
      fleet: createFleetSlice(deps)(...a),
      details: createDetailsSlice(deps)(...a),
      actions: createActionsSlice(deps)(...a),
      logs: createLogsSlice(deps)(...a),
      hostKeys: createHostKeysSlice(deps)(...a),
      hostsScreen: createHostsScreenSlice(deps)(...a),
      commandLine: createCommandLineSlice(deps)(...a),
    };
    assertDisjoint(slices);
    return { ...slices.shell, ...slices.hosts, ...slices.wizard, ...slices.fleet, ...slices.details, ...slices.actions, ...slices.logs, ...slices.hostKeys, ...slices.hostsScreen, ...slices.commandLine };
  });
}

/** Two slices with the same key would silently overwrite one another when spread: refuse at once. */
export function assertDisjoint(slices: Record<string, object>): void {
  const owner = new Map<string, string>();
  for (const [slice, fields] of Object.entries(slices)) {
    for (const key of Object.keys(fields)) {
      const first = owner.get(key);
      if (first) throw new BugError(`store slices "${first}" and "${slice}" both define "${key}"`);
      owner.set(key, slice);
    }
  }
}
