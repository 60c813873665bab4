import { viewPlan, renderPlanText } from '../../platform/plan/render-plan.js';
import { maskedAnswers } from '../../services/answers/mask.js';
import { UserError } from '../../platform/errors.js';
import type { FailureChoice, StepFailure } from '../../services/lifecycle/apply.js';
import { prepareInstall, type PreparedInstall } from '../../services/install/prepare-install.js';
import { preflightRefusal } from '../../services/install/preflight-refusal.js';
import type { CliContext } from '../context.js';
import { formatPreflight } from '../format-preflight.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { ask, confirm } from '../prompt.js';
import { openSession, withCatalog } from '../session.js';
import { askMissingAnswers, installRequest } from './install-request.js';
import { printDryRun, runOperation } from './run-operation.js';

function planJson(prepared: PreparedInstall) {
  return {
    app: prepared.recipe.id,
    name: prepared.name,
    host: prepared.host.name,
    provider: prepared.plan.provider,
    answers: maskedAnswers(prepared.resolution.questions, prepared.answers),
    preflight: prepared.preflight,
    blocked: prepared.blocked,
    plan: viewPlan(prepared.plan),
  };
}

/** `plan`: what install would do, preflight included; exit 1 when preflight would refuse it (2 when an answer is at fault). */
export const planCommand: CommandAction = async (ctx, args, options) => {
  const session = await withCatalog(await openSession(ctx));
  try {
    const prepared = await prepareInstall(await installRequest(ctx, session, args[0] ?? '', options), session);
    if (options.json) ctx.printJson(planJson(prepared));
    else ctx.print(`${formatPreflight(prepared.preflight)}\n\n${renderPlanText(prepared.plan)}`);
    if (prepared.blocked) ctx.exitCode = preflightRefusal(prepared.host.name, prepared.preflight)?.exitCode ?? EXIT_FAILED;
  } finally {
    await session.close();
  }
};

/** `install`: prepare, review (or --yes), apply with progress on stderr, undo or keep on failure. */
export const installCommand: CommandAction = async (ctx, args, options) => {
  const session = await withCatalog(await openSession(ctx));
  const yes = options.yes === true;
  const json = options.json === true;
  try {
    let request = await installRequest(ctx, session, args[0] ?? '', options);
    if (!yes && ctx.interactive) request = await askMissingAnswers(session, request);
    const prepared = await prepareInstall(request, session);
    process.stderr.write(`${formatPreflight(prepared.preflight)}\n`);
    if (options.dryRun === true) return printDryRun(ctx, prepared.plan, json);
    if (!prepared.blocked) await agreeToReuse(ctx, prepared, { yes, reuseData: request.reuseData === true });
    if (!prepared.blocked && !yes) await review(ctx, prepared);
    const refusal = preflightRefusal(prepared.host.name, prepared.preflight);
    if (refusal) throw refusal;
    const written = prepared.plan.steps.find((s) => s.recordChange?.kind === 'write')?.recordChange;
    const urls = written?.kind === 'write' ? written.record.urls : [];
    await runOperation(ctx, session, {
      plan: prepared.plan,
      handle: prepared.host,
      json,
      success: `installed ${prepared.name} on ${prepared.host.name}${urls.length ? `: ${urls.join(' ')}` : ''}`,
      extra: { onFailure: (failure) => recoveryChoice(ctx, failure, { yes, keep: options.keepOnFailure === true }) },
    });
  } finally {
    await session.close();
  }
};

/**
 * Data folders that already hold files are used only when agreed: --reuse-data, or a yes on a
 * terminal; --yes alone (or no terminal) refuses them, naming each folder and the flag (exit 2).
 */
async function agreeToReuse(ctx: CliContext, prepared: PreparedInstall, options: { yes: boolean; reuseData: boolean }): Promise<void> {
  const paths = prepared.reused;
  if (paths.length === 0 || options.reuseData) return;
  const where = `${paths.join(', ')} on ${prepared.host.name}`;
  if (options.yes || !ctx.interactive) {
    throw new UserError(`not installed: ${where} already ${paths.length > 1 ? 'hold' : 'holds'} files`, `to let "${prepared.name}" use them, add --reuse-data; or choose another folder (--set) or name (--name)`);
  }
  if (!(await confirm(`${where} already ${paths.length > 1 ? 'hold' : 'holds'} files. Use them for "${prepared.name}"?`))) {
    throw new UserError('not installed: the folders holding files were left alone', 'choose another folder (--set) or name (--name), or agree with --reuse-data', 1);
  }
}

/** Shows the plan and asks; without a terminal, --yes is the confirmation. */
async function review(ctx: CliContext, prepared: PreparedInstall): Promise<void> {
  if (!ctx.interactive) throw new UserError('not installed: confirm with --yes (there is no terminal to ask on)', 'review first with: homelab-tui plan …');
  process.stderr.write(`\n${renderPlanText(prepared.plan)}\n\n`);
  const warnings = prepared.preflight.filter((i) => i.status === 'warn').length;
  if (!(await confirm(`Install ${prepared.recipe.name} as "${prepared.name}" on ${prepared.host.name}${warnings ? ` despite ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}?`))) {
    throw new UserError('not installed', undefined, 1);
  }
}

/** --keep-on-failure keeps; --yes or no terminal undoes; otherwise the user picks. */
async function recoveryChoice(ctx: CliContext, failure: StepFailure, options: { yes: boolean; keep: boolean }): Promise<FailureChoice> {
  if (options.keep) return 'keep';
  if (options.yes || !ctx.interactive) return 'undo';
  const answer = (await ask(`"${failure.title}" failed. [r]etry, [u]ndo what was done, or [k]eep it for debugging? `)).toLowerCase();
  return answer.startsWith('r') ? 'retry' : answer.startsWith('k') ? 'keep' : 'undo';
}
