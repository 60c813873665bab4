import type { PlanAction, PlanStep } from '../../src/platform/plan/plan.js';

async function runCalls(actions: readonly PlanAction[] | undefined): Promise<void> {
  for (const action of actions ?? []) {
    if (action.kind !== 'call') throw new Error(`runStep runs only call actions, not ${action.kind}`);
    await action.run({ signal: new AbortController().signal, output: () => undefined });
  }
}

/** Runs a plan step's call actions (a provider capability's step), or its undo, outside an operation. */
export async function runStep(step: PlanStep, which: 'actions' | 'undo' = 'actions'): Promise<void> {
  await runCalls(which === 'actions' ? step.actions : step.undo);
}
