import { UserError } from '../../platform/errors.js';
import { showCommand } from '../../platform/show-command.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession } from '../session.js';
import { printDryRun, runOperation } from './run-operation.js';

function hostOption(options: Record<string, unknown>): { host?: string } {
  return typeof options.host === 'string' ? { host: options.host } : {};
}

/** `stop NAME [SERVICE]`: stop it (asks first on a terminal without --yes: it is unavailable until started). */
export const stopCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const [name = '', service] = args;
    const json = options.json === true;
    const deployment = await session.lifecycle.find(name, hostOption(options));
    const plan = await session.lifecycle.prepare('stop', deployment, service ? { service } : {});
    if (options.dryRun === true) return printDryRun(ctx, plan, json);
    const what = service ? `${service} of ${name}` : name;
    const host = deployment.handle.name;
    if (options.yes !== true && ctx.interactive && !(await confirm(`Stop ${what} on ${host}? It is unavailable until it is started again`))) {
      throw new UserError('nothing was stopped', undefined, 1);
    }
    await runOperation(ctx, session, { plan, handle: deployment.handle, before: deployment.record, json, success: `stopped ${what} on ${host}; start it again with: ${showCommand(['homelab-tui', 'start', name, ...(service ? [service] : []), '--host', host])}` });
  } finally {
    await session.close();
  }
};

/** `start NAME [SERVICE]`: start it and wait for health. */
export const startCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const [name = '', service] = args;
    const json = options.json === true;
    const deployment = await session.lifecycle.find(name, hostOption(options));
    const plan = await session.lifecycle.prepare('start', deployment, service ? { service } : {});
    if (options.dryRun === true) return printDryRun(ctx, plan, json);
    await runOperation(ctx, session, { plan, handle: deployment.handle, before: deployment.record, json, success: `started ${service ? `${service} of ${name}` : name} on ${deployment.handle.name}; it is healthy` });
  } finally {
    await session.close();
  }
};
