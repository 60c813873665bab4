import { isUpdatable } from '../../providers/provider.js';
import type { DeploymentRecord, OperationJournal } from '../../platform/deployments/deployment-record.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';
import { dataBackup, restoreActions } from './data-backup.js';
import { rolledBackRecord, type Release } from './prepare-update.js';

/** What an update's journal carries (`details`): the versions and the release with its backup. */
export function updateDetails(journal: OperationJournal): { from?: string; to?: string; release?: Release } {
  const details = (journal as { details?: unknown }).details;
  return details && typeof details === 'object' ? (details as { from?: string; to?: string; release?: Release }) : {};
}

/**
 * The plan that takes back an interrupted update (`undo NAME`, or the hint `update` and `status`
 * give): the provider's rollback (old configuration, data from the pre-update backup, the health
 * gate; nothing when the new version had not been applied yet), then the record as it was with the
 * interrupted release noted.
 */
export async function planUndoUpdate(deployment: OpenDeployment, journal: OperationJournal, before: DeploymentRecord, at: string): Promise<Plan> {
  const provider = providerOf(deployment);
  if (!isUpdatable(provider)) throw new UserError(`the interrupted update of ${before.name} cannot be taken back: ${provider.label} deployments cannot be updated by this version of homelab-tui`);
  const { from, to, release } = updateDetails(journal);
  const backup = release?.backup ? { archive: release.backup, paths: dataBackup(before, '').paths } : { archive: '', paths: [] };
  const step = await provider.interruptedUpdateStep(deployment.ctx, before, { from: from ?? before.version, restoreData: restoreActions(backup) });
  const noted = release ? rolledBackRecord(before, release, at, `interrupted (${journal.id})`) : before;
  return {
    kind: 'update',
    deployment: before.name,
    host: deployment.handle.name,
    provider: before.provider,
    app: before.app,
    steps: [step, { ...writeRecordStep(deployment.ctx.runner, noted), title: `Record that the update to ${to ?? '?'} was rolled back` }],
    secrets: [],
    notes: [`take back the interrupted update of ${before.app} ${from ?? before.version} -> ${to ?? '?'}`, ...(backup.archive ? [`data from ${backup.archive}`] : [])],
  };
}
