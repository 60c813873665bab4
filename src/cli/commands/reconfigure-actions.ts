import { lookup } from 'node:dns/promises';
import { UserError } from '../../platform/errors.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import { readAnswersFile } from '../../services/answers/answers-file.js';
import { preflightRefusal } from '../../services/install/preflight-refusal.js';
import { prepareReconfigure } from '../../services/reconfigure/prepare-reconfigure.js';
import { formatReconfigure, reconfigureJson } from '../format-reconfigure.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession, withCatalog } from '../session.js';
import { runOperation } from './run-operation.js';

/**
 * `reconfigure NAME --set K=V… [--answers FILE]`: the review (answers old -> new, file diffs, actions,
 * preflight), then, unless --dry-run, apply under the deployment's lock with the health gate; a
 * failure puts the previous files and settings back (exit 1).
 */
export const reconfigureCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const name = args[0] ?? '';
    const json = options.json === true;
    const sets = (options.set as string[] | undefined) ?? [];
    const deployment = await session.lifecycle.find(name, typeof options.host === 'string' ? { host: options.host } : {});
    const recipe = await session.recipes.recipe(deployment.record.app);
    const file = typeof options.answers === 'string' ? await readAnswersFile(options.answers, questionsFor(recipe)) : undefined;
    // With no change asked for it compares what runs with what the answers it has write: unchanged, or
    // exactly what differs (an adopted hand-written project, a hand edit), which it then applies as a change.
    const resolve = async (host: string) => (await lookup(host, { all: true, family: 4 })).map((a) => a.address);
    const prepared = await prepareReconfigure(deployment, { sets, ...(file ? { file } : {}) }, { ...(await withCatalog(session)), resolve });
    const refusal = preflightRefusal(deployment.handle.name, prepared.preflight);
    if (options.dryRun === true || prepared.plan.steps.length === 0) {
      if (json) ctx.printJson(reconfigureJson(prepared, prepared.plan.steps.length === 0 ? 'unchanged' : 'planned'));
      else ctx.print(formatReconfigure(prepared));
      if (refusal) ctx.exitCode = refusal.exitCode === 2 ? 2 : EXIT_FAILED;
      return;
    }
    if (!json) process.stderr.write(`${formatReconfigure(prepared)}\n\n`);
    if (refusal) throw refusal;
    if (options.yes !== true) {
      if (!ctx.interactive) throw new UserError('not reconfigured: confirm with --yes (there is no terminal to ask on)', `review first with: homelab-tui reconfigure ${name} … --dry-run`);
      if (!(await confirm(`Apply these changes to ${name} on ${deployment.handle.name}?`))) throw new UserError('not reconfigured', undefined, 1);
    }
    const written = prepared.plan.steps.find((s) => s.recordChange?.kind === 'write')?.recordChange;
    const urls = written?.kind === 'write' ? written.record.urls : [];
    await runOperation(ctx, session, {
      plan: prepared.plan,
      handle: deployment.handle,
      before: deployment.record,
      json,
      success: `reconfigured ${name} on ${deployment.handle.name}; it is healthy${urls.length ? `: ${urls.join(' ')}` : ''}`,
    });
  } finally {
    await session.close();
  }
};
