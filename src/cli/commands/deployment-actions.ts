import { UserError } from '../../platform/errors.js';
import type { ApplyResult } from '../../services/install/apply-plan.js';
import { applyPlan } from '../../services/install/apply-plan.js';
import { applyUninstall, prepareRestart, prepareUninstall } from '../../services/install/manage-deployments.js';
import { renderPlanText } from '../../platform/plan/render-plan.js';
import type { CliContext } from '../context.js';
import { abortOnInterrupt } from '../interrupt.js';
import { progressPrinter } from '../operation-progress.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession } from '../session.js';

/** `uninstall NAME`: down and remove; --purge deletes the data too, after a confirmation. */
export const uninstallCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const name = args[0] ?? '';
    const purge = options.purge === true;
    const prepared = await prepareUninstall(session, name, { ...(typeof options.host === 'string' ? { host: options.host } : {}), purge });
    if (purge && options.yes !== true) {
      if (!ctx.interactive) throw new UserError('--purge deletes the data for good: confirm with --yes (there is no terminal to ask on)');
      process.stderr.write(`${renderPlanText(prepared.plan)}\n\n`);
      if (!(await confirm(`Delete ${name} and its data (${(prepared.record.dataPaths ?? []).join(', ')}) on ${prepared.handle.name}?`))) throw new UserError('nothing was removed', undefined, 1);
    }
    const result = await withInterrupt((signal) => applyUninstall(prepared, session, { operationsDir: session.operationsDir, onEvent: progressPrinter({ json: options.json === true }), signal }));
    report(ctx, result, options.json === true, `uninstalled ${name} from ${prepared.handle.name}${purge ? ' and deleted its data' : (prepared.record.dataPaths ?? []).length ? `; its data stays in ${(prepared.record.dataPaths ?? []).join(', ')}` : ''}`);
  } finally {
    await session.close();
  }
};

/** `restart NAME [SERVICE]`: restart and wait for health. */
export const restartCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const [name = '', service] = args;
    const prepared = await prepareRestart(session, name, { ...(typeof options.host === 'string' ? { host: options.host } : {}), ...(service ? { service } : {}) });
    const result = await withInterrupt((signal) => applyPlan(prepared.plan, prepared.handle, session.clock, { operationsDir: session.operationsDir, onEvent: progressPrinter({ json: options.json === true }), signal }));
    report(ctx, result, options.json === true, `restarted ${service ?? name}; it is healthy`);
  } finally {
    await session.close();
  }
};

async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const release = abortOnInterrupt(controller);
  try {
    return await run(controller.signal);
  } finally {
    release();
  }
}

function report(ctx: CliContext, result: ApplyResult, json: boolean, success: string): void {
  if (json) ctx.printJson(result);
  else if (result.status === 'succeeded') ctx.print(success);
  else ctx.print(`${result.status}${result.failure ? `: ${result.failure.message}` : ''}${result.logPath ? `\noperation log: ${result.logPath}` : ''}`);
  if (result.status !== 'succeeded') ctx.exitCode = EXIT_FAILED;
}
