import { renderPlanText } from '../../platform/plan/render-plan.js';
import type { OperationEvent } from '../../platform/operation/operation-events.js';
import { showCommand } from '../../platform/show-command.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { PreparedWizardInstall } from '../wizard/wizard-backend.js';
import { prepareReconfigure, type ReconfigureDeps } from './prepare-reconfigure.js';
import { reviewLines } from './review-text.js';

/** What the wizard in edit mode asks: the deployment, and `id=text` of what the user changed. */
export interface WizardReconfigureRequest {
  host: string;
  name: string;
  sets: readonly string[];
}

/**
 * The wizard's edit mode through the same preparation as `homelab-tui reconfigure`: its review is the
 * answers and file diffs and the plan; applying goes through the lifecycle (lock, journal, health
 * gate, undo on failure), so the wizard's install step shows its progress as for an install.
 */
export async function prepareWizardReconfigure(request: WizardReconfigureRequest, lifecycle: Lifecycle, deps: ReconfigureDeps, globalArgs: readonly string[] = []): Promise<PreparedWizardInstall> {
  const deployment = await lifecycle.find(request.name, { host: request.host });
  const prepared = await prepareReconfigure(deployment, { sets: request.sets }, deps);
  const nothing = prepared.plan.steps.length === 0;
  return {
    preflight: prepared.preflight,
    blocked: prepared.blocked || nothing,
    planText: [...reviewLines(prepared), '', ...(nothing ? [] : [renderPlanText(prepared.plan)])].join('\n'),
    creates: [],
    credentials: [],
    answersFile: '',
    commandLine: showCommand(['homelab-tui', ...globalArgs, 'reconfigure', request.name, '--host', request.host, ...request.sets.flatMap((s) => ['--set', s]), '--yes']),
    apply: async (handlers) => {
      // The interruption is measured as the time of the steps that recreate the app, until it is healthy.
      const interrupting = new Set(prepared.plan.steps.flatMap((step, index) => (prepared.interrupts.includes(step.id) ? [index] : [])));
      let interruptionMs = 0;
      const onEvent = (event: OperationEvent): void => {
        if (event.type === 'step-done' && interrupting.has(event.index)) interruptionMs += event.durationMs;
        handlers.onEvent(event);
      };
      const result = await lifecycle.apply(prepared.plan, { handle: deployment.handle, before: deployment.record }, { ...handlers, onEvent });
      const written = prepared.plan.steps.find((s) => s.recordChange?.kind === 'write')?.recordChange;
      return {
        status: result.status,
        urls: result.status === 'succeeded' && written?.kind === 'write' ? written.record.urls : deployment.record.urls,
        ...(result.logPath ? { logPath: result.logPath } : {}),
        ...(result.failure ? { failure: result.failure } : {}),
        ...(result.status === 'succeeded' ? { interruptionMs } : {}),
      };
    },
  };
}
