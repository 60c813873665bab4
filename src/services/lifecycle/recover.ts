import { isRestartable } from '../../providers/provider.js';
import type { DeploymentRecord, OperationJournal } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { InstallRequest } from '../install/prepare-install.js';
import { providerOf, type Lifecycle, type OpenDeployment } from './lifecycle.js';
import { journalProgress } from './read-host.js';
import { showCommand } from '../../platform/show-command.js';
import { planUndoUpdate } from '../update/undo-update.js';

/** What finishing or taking back an interrupted operation does: one plan, then (resume of an install) the install again. */
export interface RecoveryPlan {
  journal: OperationJournal;
  /** Applied first, taking over the interrupted operation's stale lock. */
  plan: Plan;
  /** The record without its journal: what the host keeps if this plan is undone. */
  before: DeploymentRecord;
  /** For resuming an install: installed again with the same answers after `plan` removed the half-made one. */
  reinstall?: InstallRequest;
  /** What will happen, in words, for the review. */
  summary: string;
}

function journalOf(deployment: OpenDeployment): OperationJournal {
  const journal = deployment.record.operation;
  if (!journal) {
    throw new UserError(`${deployment.record.name} on ${deployment.handle.name} has no interrupted operation`, `see its state: ${showCommand(['homelab-tui', 'status', '--host', deployment.handle.name])}`);
  }
  return journal;
}

function withoutJournal(record: DeploymentRecord): DeploymentRecord {
  const { operation: _, ...rest } = record;
  return rest;
}

/**
 * Plans `undo NAME`: an interrupted install is taken back by removing what it made (its record says
 * where: the container, the project; data it created goes, data that was there stays); an interrupted
 * uninstall or restart is taken back by starting the deployment again.
 */
export async function prepareUndo(lifecycle: Lifecycle, deployment: OpenDeployment, options: { reconfigureBack?: (deployment: OpenDeployment) => Promise<Plan> } = {}): Promise<RecoveryPlan> {
  const journal = journalOf(deployment);
  const before = withoutJournal(deployment.record);
  const progress = journalProgress(journal);
  // Its record still holds the answers from before (the record is its last step): apply those again.
  if (journal.kind === 'reconfigure' && options.reconfigureBack) {
    const plan = await options.reconfigureBack({ ...deployment, record: before });
    return { journal, plan, before, summary: `take back the interrupted reconfigure (${progress}): write the files and settings of its recorded answers again and wait until it is healthy` };
  }
  if (journal.kind === 'install') {
    const plan = await lifecycle.prepare('uninstall', { ...deployment, record: before }, { purge: false });
    return { journal, plan, before, summary: `take back the interrupted install (${progress}): remove what it made; data folders stay` };
  }
  if (journal.kind === 'update') {
    const recipe = lifecycle.deps.recipe ? await lifecycle.deps.recipe(before.app).catch(() => undefined) : undefined;
    const plan = await planUndoUpdate(deployment, journal, before, new Date(lifecycle.deps.clock.now()).toISOString(), recipe);
    return { journal, plan, before, summary: `take back the interrupted update (${progress}): the old version, its configuration and its data from the backup, then its health` };
  }
  const provider = providerOf(deployment);
  if (!isRestartable(provider)) throw new UserError(`the interrupted ${journal.kind} of ${before.name} cannot be taken back: ${provider.label} deployments cannot be started again by homelab-tui`, `finish it instead: ${showCommand(['homelab-tui', 'resume', before.name, '--host', deployment.handle.name])}`);
  const plan = await provider.planRestart(deployment.ctx, before);
  return { journal, plan, before, summary: `take back the interrupted ${journal.kind} (${progress}): start ${before.name} again and wait until it is healthy` };
}

/**
 * Plans `resume NAME`: an interrupted install is removed and installed again with the same answers
 * (secrets the recipe generates are generated afresh: nothing that used the old ones is left); an
 * interrupted uninstall is run again; an interrupted restart is run again.
 */
export async function prepareResume(lifecycle: Lifecycle, deployment: OpenDeployment): Promise<RecoveryPlan> {
  const journal = journalOf(deployment);
  const before = withoutJournal(deployment.record);
  const progress = journalProgress(journal);
  const opened = { ...deployment, record: before };
  if (journal.kind === 'install') {
    const plan = await lifecycle.prepare('uninstall', opened, { purge: false });
    const reinstall: InstallRequest = {
      app: before.app,
      host: deployment.handle.name,
      provider: before.provider,
      name: before.name,
      // Its own data (the interrupted install made it): no second question.
      reuseData: true,
      answers: { file: { source: `the record of ${before.name}`, values: Object.fromEntries(Object.entries(before.answers).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, string | number | boolean> } },
    };
    return { journal, plan, before, reinstall, summary: `finish the interrupted install (${progress}): remove the half-made deployment, then install it again with the same answers` };
  }
  if (journal.kind === 'uninstall') {
    return { journal, plan: await lifecycle.prepare('uninstall', opened, { purge: false }), before, summary: `finish the interrupted uninstall (${progress}); data stays (add --purge with uninstall to delete it)` };
  }
  if (journal.kind === 'restart') {
    return { journal, plan: await lifecycle.prepare('restart', opened), before, summary: `finish the interrupted restart (${progress})` };
  }
  throw new UserError(`this version of homelab-tui cannot finish an interrupted ${journal.kind}`, `take it back instead: ${showCommand(['homelab-tui', 'undo', before.name, '--host', deployment.handle.name])}`);
}
