import { isRestartable, type DeploymentStatus, type Provider } from '../../providers/provider.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';

/** Every action a deployment can offer; footer, help, dispatch and the CLI name them by these ids. */
export const ACTION_IDS = ['logs', 'url', 'restart', 'update', 'backup', 'restore', 'reconfigure', 'uninstall'] as const;

export type ActionId = (typeof ACTION_IDS)[number];

/** Whether one action can run now, and if not, why (shown greyed out with the reason). */
export type ActionAvailability = { available: true } | { available: false; reason: string };

/** Per action id: available, or the reason it is not. Computed once per reading. */
export type ActionTable = Readonly<Record<ActionId, ActionAvailability>>;

const AVAILABLE: ActionAvailability = { available: true };

function unavailable(reason: string): ActionAvailability {
  return { available: false, reason };
}

/** What the table is computed from: the provider (absent when this build has none), the record and its state. */
export interface ActionFacts {
  provider: Provider | undefined;
  record: DeploymentRecord;
  status: DeploymentStatus;
  /** Set when the host did not answer or the provider is missing: nothing that touches the host is offered. */
  unreachable?: string;
}

/**
 * The action table of one deployment: each action is offered only when the provider has the
 * capability and the deployment is in a state to take it. The reasons are written here once.
 */
export function actionTable(facts: ActionFacts): ActionTable {
  const { provider, record, status } = facts;
  const blocked = facts.unreachable ?? (provider ? undefined : `this build has no ${record.provider} provider`);
  const interrupted = status.health === 'interrupted' ? `an interrupted ${record.operation?.kind ?? 'operation'} waits: run homelab-tui undo ${record.name} or resume ${record.name}` : undefined;
  const later = (what: string): ActionAvailability => unavailable(`${provider?.label ?? record.provider} deployments cannot ${what} with this version of homelab-tui`);
  const onHost = (available: () => ActionAvailability): ActionAvailability => {
    if (blocked) return unavailable(blocked);
    if (interrupted) return unavailable(interrupted);
    return available();
  };
  return {
    logs: blocked ? unavailable(blocked) : AVAILABLE,
    url: record.urls.length > 0 ? AVAILABLE : unavailable(`${record.name} has no URL`),
    restart: onHost(() => (provider && isRestartable(provider) ? AVAILABLE : later('be restarted'))),
    update: onHost(() => later('be updated')),
    backup: onHost(() => later('be backed up')),
    restore: onHost(() => later('be restored')),
    reconfigure: onHost(() => later('be reconfigured')),
    // Uninstall also finishes an interrupted operation: it stays offered while one waits.
    uninstall: blocked ? unavailable(blocked) : AVAILABLE,
  };
}
