import { UserError } from '../../platform/errors.js';
import { writeRecord } from '../../platform/deployments/record-store.js';
import { renderPlanText } from '../../platform/plan/render-plan.js';
import type { ApplyResult } from '../../services/lifecycle/apply.js';
import { prepareUpdate, rolledBackRecord, type PreparedUpdate } from '../../services/update/prepare-update.js';
import { compareVersions, newestVersion } from '../../services/update/versions.js';
import { lastGoodRelease } from '../../services/update/last-good.js';
import type { OpenDeployment } from '../../services/lifecycle/lifecycle.js';
import type { CliContext } from '../context.js';
import { abortOnInterrupt } from '../interrupt.js';
import { progressPrinter } from '../operation-progress.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession, readHosts, type Session } from '../session.js';
import { printDryRun, recoveryCommands } from './run-operation.js';
import { writeStderr } from '../closed-output.js';
import { finishInterruptedUpdate } from './update-interrupted.js';

function hostOption(options: Record<string, unknown>): { host?: string } {
  return typeof options.host === 'string' ? { host: options.host } : {};
}

/** `update NAME [--to V]`, or `update --check`. */
export const updateCommand: CommandAction = async (ctx, args, options) => {
  const name = args[0];
  if (options.check === true) {
    if (name !== undefined) throw new UserError('--check looks at every deployment: give no name with it', 'update one: homelab-tui update NAME');
    return checkUpdates(ctx, options);
  }
  if (!name) throw new UserError('update needs a deployment name', 'see which have a newer version: homelab-tui update --check');
  if (typeof options.to === 'string' && !/^[A-Za-z0-9._-]{1,64}$/.test(options.to)) throw new UserError('--to: a version is letters, digits, ".", "_" and "-"', 'see the versions: homelab-tui catalog show APP');
  const session = await openSession(ctx);
  try {
    const deployment = await session.lifecycle.find(name, hostOption(options));
    if (deployment.record.operation?.kind === 'update') return await finishInterruptedUpdate(ctx, session, deployment, options);
    const recipe = await session.recipes.recipe(deployment.record.app);
    const prepared = await prepareUpdate(deployment, recipe, { ...(typeof options.to === 'string' ? { to: options.to } : {}), allowDowngrade: options.allowDowngrade === true }, session.clock);
    const json = options.json === true;
    if (options.dryRun === true) return printDryRun(ctx, prepared.plan, json);
    if (options.yes !== true) {
      if (!ctx.interactive) throw new UserError(`updating ${name} to ${prepared.target.to} needs a yes: confirm with --yes (there is no terminal to ask on)`, 'see the plan first: add --dry-run');
      process.stderr.write(`${renderPlanText(prepared.plan)}\n\n`);
      if (!(await confirm(`Update ${name} on ${deployment.handle.name} from ${prepared.target.from} to ${prepared.target.to}?`))) throw new UserError('nothing was changed', undefined, 1);
    }
    await runUpdate(ctx, session, deployment, prepared, { json, keep: options.keepOnFailure === true });
  } finally {
    await session.close();
  }
};

/** `rollback NAME [--restore-data]`: back to the last good release, with a safety backup first. */
export const rollbackCommand: CommandAction = async (ctx, args, options) => {
  const name = args[0] ?? '';
  const session = await openSession(ctx);
  try {
    const deployment = await session.lifecycle.find(name, hostOption(options));
    const recipe = await session.recipes.recipe(deployment.record.app);
    const good = lastGoodRelease(deployment.record);
    const restore = options.restoreData === true;
    if (restore && !good.backup && !good.dump) throw new UserError(`${name} has no backup from before ${deployment.record.version} went in: --restore-data has nothing to restore`, 'roll back without --restore-data (the data stays as it is)', 1);
    const prepared = await prepareUpdate(deployment, recipe, { to: good.version, allowDowngrade: true, ...(restore && good.backup ? { restoreFrom: good.backup } : {}), ...(restore && good.dump ? { restoreDumpFrom: good.dump } : {}) }, session.clock);
    (prepared.release as Record<string, unknown>).rollback = true;
    const json = options.json === true;
    if (options.dryRun === true) return printDryRun(ctx, prepared.plan, json);
    const age = good.backupAt ? `the backup from before ${deployment.record.version} was taken at ${good.backupAt}` : 'no backup from before it';
    if (options.yes !== true) {
      if (!ctx.interactive) throw new UserError(`rolling ${name} back to ${good.version} needs a yes: confirm with --yes (there is no terminal to ask on)`, 'see the plan first: add --dry-run');
      process.stderr.write(`${renderPlanText(prepared.plan)}\n\n`);
      const data = restore ? `its data back as it was then (${age}; what was written since is only in the safety backup)` : `its data as it is now (${age}; add --restore-data to put it back)`;
      if (!(await confirm(`Roll ${name} on ${deployment.handle.name} back from ${deployment.record.version} to ${good.version}, ${data}?`))) throw new UserError('nothing was changed', undefined, 1);
    }
    await runUpdate(ctx, session, deployment, prepared, { json, keep: false });
  } finally {
    await session.close();
  }
};

async function runUpdate(ctx: CliContext, session: Session, deployment: OpenDeployment, prepared: PreparedUpdate, options: { json: boolean; keep: boolean }): Promise<void> {
  const { plan, target } = prepared;
  const host = deployment.handle.name;
  const recovery = recoveryCommands(plan.deployment, host);
  const controller = new AbortController();
  const release = abortOnInterrupt(controller, {
    first: (why) => writeStderr(`\ninterrupted (${why}): rolling back to ${target.from}; interrupt again to stop at once and leave the journal on ${host}\n`),
    second: (why) => writeStderr(`\nstopped at once (${why}): the journal on ${host} says what was done\n  take it back: ${recovery.undo}\n`),
  });
  let result: ApplyResult;
  try {
    result = await session.lifecycle.apply(plan, { handle: deployment.handle, before: deployment.record }, {
      onEvent: progressPrinter({ json: options.json }),
      signal: controller.signal,
      onFailure: async () => (options.keep ? 'keep' : 'undo'),
    });
  } finally {
    release();
  }
  const undone = result.status === 'undone' || result.status === 'cancelled';
  // A failure before the new version was applied (backup, fetch) changed nothing: there was nothing to roll back.
  // Blue-green starts the new version beside the old one first: from there on a failure is rolled back.
  const applied = plan.steps.findIndex((s) => s.id === 'apply' || s.id === 'green-up');
  const untouched = undone && result.failure !== undefined && result.failure.step < applied;
  const rolledBack = undone && !untouched;
  if (undone) {
    // The history keeps the failed release too (the record itself is back as it was).
    const noted = rolledBackRecord(deployment.record, prepared.release, new Date(session.clock.now()).toISOString(), result.failure?.message, untouched ? 'failed' : 'rolled-back');
    await writeRecord(deployment.ctx.runner, noted).catch(() => undefined);
  }
  const status = result.status === 'succeeded' ? 'succeeded' : rolledBack ? 'rolled-back' : untouched ? 'failed' : result.status;
  const backup = prepared.backup.paths.length ? prepared.backup.archive : undefined;
  if (options.json) {
    ctx.printJson({
      status,
      name: plan.deployment,
      host,
      kind: 'update',
      from: target.from,
      to: target.to,
      operationId: result.operationId,
      ...(result.logPath ? { logPath: result.logPath } : {}),
      ...(backup ? { backup } : {}),
      ...(prepared.backup.database ? { dump: prepared.backup.database.file } : {}),
      ...(prepared.release.digests ? { digests: prepared.release.digests } : {}),
      ...(result.failure ? { failure: { step: result.failure.title, check: result.failure.title, output: result.failure.message, ...(result.failure.hint ? { hint: result.failure.hint } : {}) } } : {}),
      ...(result.status === 'cancelled' ? { cancelled: true } : {}),
      ...(result.status === 'undo-incomplete' || result.status === 'kept' ? { recovery } : {}),
    });
  } else if (result.status === 'succeeded') {
    const verb = (prepared.release as Record<string, unknown>).rollback === true ? 'rolled back' : 'updated';
    ctx.print(`${verb} ${plan.deployment} on ${host}: ${plan.app} ${target.from} -> ${target.to}; it is healthy${backup ? ` (backup before it: ${backup})` : ''}`);
  } else {
    const lines = untouched
      ? [`update of ${plan.deployment} on ${host} to ${target.to} failed at "${result.failure?.title ?? ''}": ${result.failure?.message ?? ''}`, `nothing was changed: ${target.from} kept running`]
      : rolledBack
      ? [`update of ${plan.deployment} on ${host} to ${target.to} ${result.status === 'cancelled' ? 'was interrupted' : 'failed'}${result.failure ? ` at "${result.failure.title}": ${result.failure.message}` : ''}`, `rolled back to ${target.from}${backup ? ` with the data from ${backup}` : ''}; it is healthy again`]
      : [`update of ${plan.deployment} on ${host} ${result.status}${result.failure ? `: ${result.failure.message}` : ''}`, `the journal waits on ${host}: take it back with ${recovery.undo}`];
    if (result.logPath) lines.push(`operation log: ${result.logPath}`);
    ctx.print(lines.join('\n'));
  }
  if (result.status !== 'succeeded') ctx.exitCode = EXIT_FAILED;
}

/** `update --check`: every deployment whose recipe knows a newer version. */
async function checkUpdates(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const session = await openSession(ctx);
  try {
    // An unknown name is a typo (exit 2), not a host that is down (exit 1).
    const hosts = await readHosts(session, options.host);
    const catalog = await session.recipes.catalog();
    const rows = hosts.flatMap((h) =>
      h.deployments.map(({ record }) => {
        const recipe = catalog.recipes.find((r) => r.id === record.app);
        const newest = recipe ? newestVersion(recipe) : undefined;
        const newer = newest !== undefined && (compareVersions(newest, record.version) ?? 0) > 0;
        return { host: h.host, name: record.name, app: record.app, version: record.version, ...(newest !== undefined ? { newest } : {}), update: newer, ...(recipe ? {} : { problem: `the catalog has no recipe ${record.app}` }) };
      }),
    );
    if (options.json === true) ctx.printJson({ deployments: rows, hosts: hosts.map((h) => ({ host: h.host, reachable: !h.error, ...(h.error ? { error: h.error } : {}) })) });
    else {
      const updates = rows.filter((r) => r.update);
      ctx.print(updates.length ? updates.map((r) => `${r.host}  ${r.name}  ${r.app}  ${r.version} -> ${r.newest}`).join('\n') : `every deployment runs the newest version its recipe knows (${rows.length} checked)`);
    }
    if (hosts.some((h) => h.error)) ctx.exitCode = EXIT_FAILED;
  } finally {
    await session.close();
  }
}
