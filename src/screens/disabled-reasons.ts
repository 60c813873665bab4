import { readingOf } from '../store/details-slice.js';
import type { AppState } from '../store/app-store.js';
import { selectedRow } from '../store/fleet-rows.js';
import type { DeploymentRef } from '../services/fleet/fleet-reading.js';
import type { DisabledReasons } from './keymap.js';
import { wizardScope } from './wizard/wizard-scope.js';

const LATER = 'coming in a later release';

/** Why each deployment action cannot be used now for `ref` (pure, from the store's state). */
export function deploymentActionsDisabled(state: AppState, ref: DeploymentRef | undefined, service?: string): DisabledReasons {
  const reasons: DisabledReasons = { update: `${LATER}: updates with a snapshot to roll back to`, backup: `${LATER}: backups of data paths and databases` };
  if (!ref) {
    const pick = 'select a deployment or a service first';
    return { ...reasons, logs: pick, restart: pick, url: pick, open: pick };
  }
  const host = state.fleet[ref.host]?.reading;
  const reading = readingOf(state, ref);
  if (host?.error) {
    const down = `${ref.host} does not answer: ${host.error.message}`;
    reasons.logs = down;
    reasons.restart = down;
  } else if (!reading) {
    reasons.logs = `no answer from ${ref.host} yet`;
    reasons.restart = reasons.logs;
  }
  if (!reasons.restart && reading?.cannotRestart) reasons.restart = reading.cannotRestart;
  if (!reasons.restart && state.running) reasons.restart = `${state.running.label}: wait until it ends`;
  if (!reasons.restart && service && reading && !reading.status.services.some((s) => s.name === service)) reasons.restart = `${ref.name} has no service ${service}`;
  if (!reading || reading.record.urls.length === 0) reasons.url = `${ref.name} has no URL`;
  return reasons;
}

/** The deployment (and service) the list's selection stands for; none on a group heading. */
export function selectedTarget(state: AppState): { ref?: DeploymentRef; service?: string } {
  const { row } = selectedRow(state);
  if (!row || row.kind === 'group') return {};
  return row.kind === 'service' ? { ref: row.ref, service: row.service.name } : { ref: row.ref };
}

/** Disabled reasons for the bindings of the current route (the footer and help show them too). */
export function disabledForRoute(state: AppState): DisabledReasons {
  switch (state.route.name) {
    case 'dashboard': {
      const { ref, service } = selectedTarget(state);
      return deploymentActionsDisabled(state, ref, service);
    }
    case 'details':
      return deploymentActionsDisabled(state, state.route.ref);
    default:
      return {};
  }
}

/** Which keymap scope has the keyboard: an overlay, a text field, or the route's screen. */
export function activeScope(state: AppState): string {
  if (state.helpOpen) return 'help';
  if (state.route.name === 'wizard') return wizardScope(state.wizard);
  if (state.confirm) return 'confirm';
  if ((state.route.name === 'dashboard' && state.fleetView.filtering) || (state.route.name === 'logs' && state.logs?.filtering)) return 'filter';
  return state.route.name;
}
