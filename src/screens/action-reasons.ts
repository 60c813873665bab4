import { ACTION_IDS, type ActionId } from '../services/lifecycle/action-table.js';
import type { DeploymentRef } from '../services/fleet/fleet-reading.js';
import { runningOn } from '../store/actions-slice.js';
import type { AppState } from '../store/app-store.js';
import { readingOf } from '../store/details-slice.js';
import { selectedRow } from '../store/fleet-rows.js';
import type { DisabledReasons } from './keymap.js';
import { deploymentActionBindings } from './keymaps.js';
import { wizardScope } from './wizard/wizard-scope.js';

function every(reason: string): DisabledReasons<ActionId> {
  return Object.fromEntries(ACTION_IDS.map((id) => [id, reason]));
}

/**
 * Why each deployment action cannot be used now on `ref`: the reasons its reading's action table
 * gives (computed once per reading by the lifecycle), plus what only the app knows: nothing selected,
 * no answer yet, or an action already running on that deployment.
 */
export function deploymentActionsDisabled(state: AppState, ref: DeploymentRef | undefined, service?: string): DisabledReasons<ActionId> {
  if (!ref) return { ...every('select a deployment or a service first'), open: 'select a deployment or a service first' } as DisabledReasons<ActionId>;
  const reading = readingOf(state, ref);
  if (!reading) {
    const error = state.fleet[ref.host]?.reading.error;
    return every(error ? `${ref.host} does not answer: ${error.message}` : `no answer from ${ref.host} yet`);
  }
  const reasons: DisabledReasons<ActionId> = {};
  for (const id of ACTION_IDS) {
    const entry = reading.actions[id];
    if (!entry.available) reasons[id] = entry.reason;
  }
  const busy = runningOn(state, ref);
  const missing = service && !reading.status.services.some((s) => s.name === service) ? `${ref.name} has no service ${service}` : undefined;
  for (const binding of deploymentActionBindings) {
    if (!binding.confirm || reasons[binding.id]) continue;
    if (busy) reasons[binding.id] = `${busy.label}: wait until it ends`;
    else if (missing && binding.perService) reasons[binding.id] = missing;
  }
  return reasons;
}

/** The deployment (and service) the list's selection stands for; none on a group heading. */
export function selectedTarget(state: AppState): { ref?: DeploymentRef; service?: string } {
  const { row } = selectedRow(state);
  if (!row || row.kind === 'group' || row.kind === 'unmanaged') return {};
  return row.kind === 'service' ? { ref: row.ref, service: row.service.name } : { ref: row.ref };
}

/** Disabled reasons for the bindings of the current route (the footer and help show them too). */
export function disabledForRoute(state: AppState): DisabledReasons {
  if (state.route.name === 'dashboard') {
    const { ref, service } = selectedTarget(state);
    return deploymentActionsDisabled(state, ref, service);
  }
  if (state.route.name === 'details') {
    const reasons = deploymentActionsDisabled(state, state.route.ref);
    const backups = state.details?.details?.backups;
    const busy = runningOn(state, state.route.ref);
    if (!reasons.restore) {
      if (busy) reasons.restore = `${busy.label}: wait until it ends`;
      else if (!backups) reasons.restore = 'the backups are still being read';
      else if (backups.length === 0) reasons.restore = `no backups of ${state.route.ref.name} on this machine yet (b takes one)`;
    }
    return reasons;
  }
  return {};
}

/** Which keymap scope has the keyboard: an overlay, a text field, or the route's screen. */
export function activeScope(state: AppState): string {
  if (state.helpOpen) return 'help';
  if (state.route.name === 'wizard') return wizardScope(state.wizard);
  if (state.hostKeyQuestions.length > 0) return 'host-key';
  if (state.route.name === 'hosts') return state.hostsScreen.form ? 'host-form' : state.hostsScreen.removing ? 'confirm' : 'hosts';
  if (state.archiveKey) return 'archive-key';
  if (state.confirm) return 'confirm';
  if (state.route.name === 'dashboard' && state.commandLine !== undefined) return 'command';
  if ((state.route.name === 'dashboard' && state.fleetView.filtering) || (state.route.name === 'logs' && state.logs?.filtering)) return 'filter';
  return state.route.name;
}
