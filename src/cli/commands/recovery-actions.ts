import { UserError } from '../../platform/errors.js';
import { describeOwner, readLock, removeLock } from '../../platform/operation/target-lock.js';
import { prepareInstall } from '../../services/install/prepare-install.js';
import { prepareResume, prepareUndo, type RecoveryPlan } from '../../services/lifecycle/recover.js';
import { prepareReconfigure } from '../../services/reconfigure/prepare-reconfigure.js';
import type { CliContext } from '../context.js';
import { formatPreflight } from '../format-preflight.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession, withCatalog, type Session } from '../session.js';
import { printDryRun, runOperation } from './run-operation.js';
import { showCommand } from '../../platform/show-command.js';

function hostOption(options: Record<string, unknown>): { host?: string } {
  return typeof options.host === 'string' ? { host: options.host } : {};
}

async function confirmRecovery(ctx: CliContext, recovery: RecoveryPlan, name: string, host: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!ctx.interactive) throw new UserError(`${recovery.summary}: confirm with --yes (there is no terminal to ask on)`, `see the plan first: add --dry-run`);
  if (!(await confirm(`${name} on ${host}: ${recovery.summary}. Go ahead?`))) throw new UserError('nothing was changed', undefined, 1);
}

async function recover(ctx: CliContext, session: Session, name: string, options: Record<string, unknown>, which: 'undo' | 'resume'): Promise<void> {
  const json = options.json === true;
  if (which === 'undo' && ((options.set as string[] | undefined) ?? []).length > 0) throw new UserError('--set goes with resume, which installs again; undo only takes back');
  const deployment = await session.lifecycle.find(name, hostOption(options));
  const host = deployment.handle.name;
  const recovery = which === 'undo' ? await prepareUndo(session.lifecycle, deployment, { reconfigureBack: async (d) => (await prepareReconfigure(d, {}, await withCatalog(session))).plan }) : await prepareResume(session.lifecycle, deployment);
  if (options.dryRun === true) return printDryRun(ctx, recovery.plan, json);
  await confirmRecovery(ctx, recovery, name, host, options.yes === true);
  const first = await runOperation(ctx, session, {
    plan: recovery.plan,
    handle: deployment.handle,
    before: recovery.before,
    json,
    success: `${which === 'undo' ? 'took back' : 'finished'} the interrupted ${recovery.journal.kind} of ${name} on ${host}`,
    extra: { takeOver: recovery.journal.id },
  });
  if (first.status !== 'succeeded' || !recovery.reinstall) return;
  const sets = (options.set as string[] | undefined) ?? [];
  const prepared = await prepareInstall({ ...recovery.reinstall, answers: { ...recovery.reinstall.answers, sets } }, await withCatalog(session));
  process.stderr.write(`${formatPreflight(prepared.preflight)}\n`);
  if (prepared.blocked) throw new UserError(`the half-made ${name} was removed, but installing it again is refused by preflight on ${host}`, `see why: ${showCommand(['homelab-tui', 'plan', prepared.recipe.id, '--host', host, '--name', name])}`, 1);
  await runOperation(ctx, session, { plan: prepared.plan, handle: prepared.host, json, success: `installed ${name} on ${host} again with the same answers` });
}

/** `undo NAME`: takes back an interrupted operation, finishing the journal it left on the target. */
export const undoCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    await recover(ctx, session, args[0] ?? '', options, 'undo');
  } finally {
    await session.close();
  }
};

/** `resume NAME`: finishes an interrupted operation. */
export const resumeCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    await recover(ctx, session, args[0] ?? '', options, 'resume');
  } finally {
    await session.close();
  }
};

/** `unlock NAME --id ID`: removes a lock whose holder is gone; only the lock with that id. */
export const unlockCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const name = args[0] ?? '';
    const handle = typeof options.host === 'string' ? await session.hosts.open(options.host) : (await session.lifecycle.find(name)).handle;
    const lock = await readLock(handle.runner, name, session.clock, session.holder);
    if (!lock) throw new UserError(`${name} on ${handle.name} is not locked`, undefined, 1);
    const who = describeOwner(lock.owner);
    if (typeof options.id !== 'string') {
      const stale = lock.stale ? `; it looks gone (${lock.staleReason})` : '; it may still be working';
      throw new UserError(`${name} on ${handle.name} is locked by ${who}${stale}`, lock.owner ? `to remove it: ${showCommand(['homelab-tui', 'unlock', name, '--host', handle.name, '--id', lock.owner.id])}` : 'the lock has no readable owner', 2);
    }
    const removed = await removeLock(handle.runner, name, options.id);
    if (removed === 'other') throw new UserError(`the lock on ${name} is not ${options.id}: it is held by ${who}`, 'nothing was removed', 1);
    if (removed === 'absent') throw new UserError(`${name} on ${handle.name} is not locked`, undefined, 1);
    if (options.json === true) ctx.printJson({ status: 'unlocked', name, host: handle.name, id: options.id, ...(lock.owner ? { owner: lock.owner } : {}) });
    else ctx.print(`removed the lock ${options.id} of ${name} on ${handle.name} (held by ${who})`);
  } finally {
    await session.close();
  }
};
