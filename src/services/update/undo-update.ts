import { isUpdatable } from '../../providers/provider.js';
import type { DeploymentRecord, OperationJournal } from '../../platform/deployments/deployment-record.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import { UserError } from '../../platform/errors.js';
import type { Plan } from '../../platform/plan/plan.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { dataBackup, restoreActions, withDatabase, type DataBackup } from './data-backup.js';
import { updateDatabaseDump } from './database-dump.js';
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
export async function planUndoUpdate(deployment: OpenDeployment, journal: OperationJournal, before: DeploymentRecord, at: string, recipe?: Recipe): Promise<Plan> {
  const provider = providerOf(deployment);
  if (!isUpdatable(provider)) throw new UserError(`the interrupted update of ${before.name} cannot be taken back: ${provider.label} deployments cannot be updated by this version of homelab-tui`);
  const { from, to, release } = updateDetails(journal);
  let backup: DataBackup = release?.backup ? { archive: release.backup, paths: dataBackup(before, '').paths } : { archive: '', paths: [] };
  if (typeof release?.dump === 'string') {
    // The dump's password is read back from the host, as when it was taken.
    if (!recipe) throw new UserError(`the interrupted update of ${before.name} dumped its database into ${release.dump}, and the catalog has no recipe ${before.app} to load it back with`, 'put the recipe back (HOMELAB_TUI_CATALOG_DIR), then undo again', 1);
    const dump = await updateDatabaseDump({ ...deployment, record: before }, recipe, release.dump, { taken: true });
    if (!dump || 'gap' in dump) throw new UserError(`the interrupted update of ${before.name} dumped its database into ${release.dump}, and its recipe ${before.app} no longer says how to load it`, 'load it by hand, then undo again', 1);
    // The archive left the database's own folders out: the restore leaves them alone too.
    backup = withDatabase(backup, dump).backup;
  }
  const step = await provider.interruptedUpdateStep(deployment.ctx, before, { from: from ?? before.version, restoreData: restoreActions(backup) });
  const noted = release ? rolledBackRecord(before, release, at, `interrupted (${journal.id})`) : before;
  return {
    kind: 'update',
    deployment: before.name,
    host: deployment.handle.name,
    provider: before.provider,
    app: before.app,
    steps: [step, { ...writeRecordStep(deployment.ctx.runner, noted), title: `Record that the update to ${to ?? '?'} was rolled back` }],
    secrets: backup.database?.secrets ?? [],
    notes: [`take back the interrupted update of ${before.app} ${from ?? before.version} -> ${to ?? '?'}`, ...(backup.archive ? [`data from ${backup.archive}`] : []), ...(backup.database ? [`database from ${backup.database.file}`] : [])],
  };
}
