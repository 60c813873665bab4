import { UserError } from '../../platform/errors.js';
import { renderPlanText } from '../../platform/plan/render-plan.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession } from '../session.js';
import { printDryRun, runOperation } from './run-operation.js';

function hostOption(options: Record<string, unknown>): { host?: string } {
  return typeof options.host === 'string' ? { host: options.host } : {};
}

/** `uninstall NAME`: down and remove, saying where the data stays; --purge deletes the data it created too, after a confirmation. */
export const uninstallCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const name = args[0] ?? '';
    const purge = options.purge === true;
    const json = options.json === true;
    const deployment = await session.lifecycle.find(name, hostOption(options));
    const plan = await session.lifecycle.prepare('uninstall', deployment, { purge });
    if (options.dryRun === true) return printDryRun(ctx, plan, json);
    const host = deployment.handle.name;
    const removed = plan.data?.removed ?? [];
    const kept = plan.data?.kept ?? [];
    if (purge && options.yes !== true) {
      if (!ctx.interactive) throw new UserError('--purge deletes the data for good: confirm with --yes (there is no terminal to ask on)');
      process.stderr.write(`${renderPlanText(plan)}\n\n`);
      if (!(await confirm(`Delete ${name} and its data (${removed.join(', ') || 'none it created'}) on ${host}?`))) throw new UserError('nothing was removed', undefined, 1);
    }
    await runOperation(ctx, session, {
      plan,
      handle: deployment.handle,
      before: deployment.record,
      json,
      // Uninstall also finishes an interrupted operation: it takes over that operation's stale lock.
      ...(deployment.record.operation ? { extra: { takeOver: deployment.record.operation.id } } : {}),
      success: `uninstalled ${name} from ${host}${removed.length ? `; deleted its data in ${removed.join(', ')}` : ''}${kept.length ? `; ${purge ? 'kept' : 'its data stays in'} ${kept.join(', ')}` : ''}`,
    });
  } finally {
    await session.close();
  }
};

/** `restart NAME [SERVICE]`: restart and wait for health. */
export const restartCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const [name = '', service] = args;
    const json = options.json === true;
    const deployment = await session.lifecycle.find(name, hostOption(options));
    const plan = await session.lifecycle.prepare('restart', deployment, service ? { service } : {});
    if (options.dryRun === true) return printDryRun(ctx, plan, json);
    await runOperation(ctx, session, { plan, handle: deployment.handle, before: deployment.record, json, success: `restarted ${service ? `${service} of ${name}` : name} on ${deployment.handle.name}; it is healthy` });
  } finally {
    await session.close();
  }
};
