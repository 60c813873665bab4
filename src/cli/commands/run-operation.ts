import { renderPlanText } from '../../platform/plan/render-plan.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { ApplyResult } from '../../services/lifecycle/apply.js';
import type { HostHandle } from '../../services/lifecycle/host-access.js';
import type { LifecycleApplyOptions } from '../../services/lifecycle/lifecycle.js';
import { writeStderr } from '../closed-output.js';
import type { CliContext } from '../context.js';
import { abortOnInterrupt } from '../interrupt.js';
import { progressPrinter } from '../operation-progress.js';
import { EXIT_FAILED } from '../present-error.js';
import type { Session } from '../session.js';
import { showCommand } from '../../platform/show-command.js';

/** The commands that finish or take back an interrupted operation on `name`, as the user types them. */
export function recoveryCommands(name: string, host: string): { resume: string; undo: string } {
  return { resume: showCommand(['homelab-tui', 'resume', name, '--host', host]), undo: showCommand(['homelab-tui', 'undo', name, '--host', host]) };
}

/** What one operation of a command is: its plan, where, the record before, and how to word it. */
export interface OperationRun {
  plan: Plan;
  handle: HostHandle;
  before?: DeploymentRecord;
  json: boolean;
  /** The line printed on success; it names the host. */
  success: string;
  extra?: Pick<LifecycleApplyOptions, 'onFailure' | 'takeOver'>;
}

/** `--dry-run`: print the plan (or its JSON) and change nothing. */
export function printDryRun(ctx: CliContext, plan: Plan, json: boolean): void {
  if (json) ctx.printJson({ status: 'planned', name: plan.deployment, host: plan.host, kind: plan.kind, steps: plan.steps.map((s) => s.title) });
  else ctx.print(renderPlanText(plan));
}

/**
 * Applies a plan through the lifecycle with progress on stderr, every interruption (signals, a closed
 * output) turned into undo, and a result that always names its host; exit 1 unless it succeeded.
 */
export async function runOperation(ctx: CliContext, session: Session, run: OperationRun): Promise<ApplyResult> {
  const { plan, handle } = run;
  const recovery = recoveryCommands(plan.deployment, handle.name);
  const controller = new AbortController();
  const release = abortOnInterrupt(controller, {
    first: (why) => writeStderr(`\ninterrupted (${why}): undoing what was done; interrupt again to stop at once and leave the journal on ${handle.name}\n`),
    second: (why) => writeStderr(`\nstopped at once (${why}): the journal on ${handle.name} says what was done\n  finish it: ${recovery.resume}\n  or take it back: ${recovery.undo}\n`),
  });
  let result: ApplyResult;
  try {
    result = await session.lifecycle.apply(plan, { handle, ...(run.before ? { before: run.before } : {}) }, { onEvent: progressPrinter({ json: run.json }), signal: controller.signal, ...run.extra });
  } finally {
    release();
  }
  report(ctx, result, run);
  return result;
}

function report(ctx: CliContext, result: ApplyResult, run: OperationRun): void {
  const { plan, handle } = run;
  const recovery = recoveryCommands(plan.deployment, handle.name);
  const waits = result.status === 'undo-incomplete' || result.status === 'kept';
  if (run.json) {
    ctx.printJson({ ...result, name: plan.deployment, host: handle.name, kind: plan.kind, ...(waits ? { recovery } : {}) });
  } else if (result.status === 'succeeded') {
    // An empty success line: the caller prints its own result (backup, restore).
    if (run.success) ctx.print(run.success);
  } else {
    const lines = [`${plan.kind} of ${plan.deployment} on ${handle.name} ${result.status}${result.failure ? `: ${result.failure.message}` : ''}`];
    if (waits) lines.push(`the journal waits on ${handle.name}: finish it with ${recovery.resume}, or take it back with ${recovery.undo}`);
    if (result.logPath) lines.push(`operation log: ${result.logPath}`);
    ctx.print(lines.join('\n'));
  }
  if (result.status !== 'succeeded') ctx.exitCode = EXIT_FAILED;
}
