import { redact } from '../logger.js';
import { showCommand } from '../show-command.js';
import type { Plan, PlanAction } from './plan.js';

/** A plan as JSON-friendly data, secrets masked: what `plan --json` prints. */
export interface PlanView {
  kind: Plan['kind'];
  deployment: string;
  host: string;
  provider: string;
  app: string;
  notes: string[];
  steps: {
    title: string;
    creates: string[];
    actions: ActionView[];
    undo: ActionView[];
  }[];
}

export type ActionView =
  | { kind: 'run'; argv: string[]; stdin?: string; description?: string }
  | { kind: 'write'; path: string; mode: string; content: string; description?: string }
  | { kind: 'wait'; check: string; timeoutSeconds: number }
  | { kind: 'call'; description: string };

export function viewPlan(plan: Plan): PlanView {
  const mask = (text: string) => redact(text, plan.secrets);
  const view = (action: PlanAction): ActionView => {
    switch (action.kind) {
      case 'run':
        return {
          kind: 'run',
          argv: action.command.argv.map(mask),
          ...(typeof action.command.stdin === 'string' ? { stdin: mask(action.command.stdin) } : {}),
          ...(action.description ? { description: action.description } : {}),
        };
      case 'write':
        return {
          kind: 'write',
          path: action.path,
          mode: action.mode.toString(8).padStart(4, '0'),
          content: mask(action.content),
          ...(action.description ? { description: action.description } : {}),
        };
      case 'wait':
        return { kind: 'wait', check: action.description ?? action.check.describe(), timeoutSeconds: Math.round(action.timeoutMs / 1000) };
      case 'call':
        return { kind: 'call', description: action.description };
    }
  };
  return {
    kind: plan.kind,
    deployment: plan.deployment,
    host: plan.host,
    provider: plan.provider,
    app: plan.app,
    notes: [...(plan.notes ?? [])],
    steps: plan.steps.map((step) => ({
      title: step.title,
      creates: [...(step.creates ?? [])],
      actions: step.actions.map(view),
      undo: (step.undo ?? []).map(view),
    })),
  };
}

/** The plan as text for review: numbered steps, exact commands, files with their content. */
export function renderPlanText(plan: Plan, options: { fileLines?: number } = {}): string {
  const view = viewPlan(plan);
  const maxLines = options.fileLines ?? 40;
  const out: string[] = [`Plan: ${view.kind} ${view.app} as "${view.deployment}" on ${view.host} with ${view.provider}`];
  view.steps.forEach((step, i) => {
    out.push('', `${i + 1}. ${step.title}`);
    for (const action of step.actions) out.push(...renderAction(action, '   ', maxLines));
    for (const action of step.undo) out.push(...renderAction(action, '   undo: ', maxLines).slice(0, 1));
  });
  if (view.notes.length) out.push('', ...view.notes.map((n) => `• ${n}`));
  return out.join('\n');
}

function renderAction(action: ActionView, prefix: string, maxLines: number): string[] {
  switch (action.kind) {
    case 'run':
      return [`${prefix}$ ${showCommand(action.argv)}${action.stdin !== undefined ? ' < (stdin)' : ''}`];
    case 'write': {
      const lines = action.content.replace(/\n$/, '').split('\n');
      const shown = lines.slice(0, maxLines).map((l) => `${prefix}  │ ${l}`);
      if (lines.length > maxLines) shown.push(`${prefix}  │ … ${lines.length - maxLines} more lines`);
      return [`${prefix}write ${action.path} (mode ${action.mode})`, ...shown];
    }
    case 'wait':
      return [`${prefix}wait up to ${action.timeoutSeconds} s: ${action.check}`];
    case 'call':
      return [`${prefix}${action.description}`];
  }
}
