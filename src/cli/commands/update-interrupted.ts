import { UserError } from '../../platform/errors.js';
import { showCommand } from '../../platform/show-command.js';
import type { OpenDeployment } from '../../services/lifecycle/lifecycle.js';
import { prepareUndo } from '../../services/lifecycle/recover.js';
import type { CliContext } from '../context.js';
import { EXIT_FAILED } from '../present-error.js';
import { writeStderr } from '../closed-output.js';
import { updateDetails } from '../../services/update/undo-update.js';
import { confirm } from '../prompt.js';
import type { Session } from '../session.js';
import { printDryRun, runOperation } from './run-operation.js';

/**
 * `update NAME` on a deployment whose last update was interrupted (a killed process, a lost link):
 * its journal on the host says so, and this update first finishes that one's rollback (old version,
 * its data from the backup, the health gate) as `undo NAME` does. It then stops (exit 1): the update
 * asked for runs with the next `update NAME`, from a known-good state.
 */
export async function finishInterruptedUpdate(ctx: CliContext, session: Session, deployment: OpenDeployment, options: Record<string, unknown>): Promise<void> {
  const name = deployment.record.name;
  const host = deployment.handle.name;
  const recovery = await prepareUndo(session.lifecycle, deployment);
  const json = options.json === true;
  if (options.dryRun === true) return printDryRun(ctx, recovery.plan, json);
  if (options.yes !== true) {
    if (!ctx.interactive) throw new UserError(`the last update of ${name} on ${host} was interrupted: rolling it back needs a yes: confirm with --yes (there is no terminal to ask on)`, 'see the plan first: add --dry-run');
    if (!(await confirm(`${name} on ${host}: ${recovery.summary}. Go ahead?`))) throw new UserError('nothing was changed', undefined, 1);
  }
  writeStderr(`the last update of ${name} on ${host} was interrupted (${recovery.journal.id}): finishing its rollback first\n`);
  // runOperation's own result would call the undo plan's success an update's: this prints the update's.
  const quiet: CliContext = { ...ctx, print: json ? () => undefined : ctx.print, printJson: () => undefined };
  const result = await runOperation(quiet, session, {
    plan: recovery.plan,
    handle: deployment.handle,
    before: recovery.before,
    json,
    success: `rolled back the interrupted update of ${name} on ${host}; to update it now: ${showCommand(['homelab-tui', 'update', name, '--host', host])}`,
    extra: { takeOver: recovery.journal.id },
  });
  const { from, to } = updateDetails(recovery.journal);
  const status = result.status === 'succeeded' ? 'rolled-back' : result.status;
  if (json) ctx.printJson({ status, name, host, kind: 'update', interrupted: recovery.journal.id, ...(from ? { from } : {}), ...(to ? { to } : {}), operationId: result.operationId, ...(result.failure ? { failure: { step: result.failure.title, output: result.failure.message } } : {}) });
  // The update asked for did not run: exit 1 even when the rollback went well.
  ctx.exitCode = EXIT_FAILED;
}
