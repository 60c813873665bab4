import { UserError } from '../../platform/errors.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { OpenDeployment } from '../lifecycle/lifecycle.js';
import type { ArchiveRef, BackupProgress } from './backup-api.js';
import { listBackups, type BackupLine } from './backup-listing.js';
import { openBackupSource } from './backup-source.js';
import { planBackup, planRestore, type PlanWithResult } from './plans.js';
import { refuseOtherApp, refuseUnknownVersion, verifiedForRestore } from './restore-checks.js';
import type { RestoreOutcome } from './write-restore.js';
import type { WriteBackupDeps } from './write-backup.js';

/** What the dashboard's backups stand on: the CLI's archive settings and the catalog's recipes. */
export interface BackupDeskDeps {
  write: WriteBackupDeps;
  /** settings.yaml `backupKeep`: the newest N archives of a deployment are kept. */
  keep?: number;
  recipe(app: string): Promise<Recipe>;
}

/**
 * The dashboard's backups of opened deployments: the archives in the backups dir, and the same
 * `backup` and `restore` plans the CLI's commands make (src/services/backup/plans.ts); the caller
 * applies them through the lifecycle.
 */
export interface BackupDesk {
  readonly dir: string;
  list(deployment: string): Promise<BackupLine[]>;
  planBackup(deployment: OpenDeployment, onProgress?: (progress: BackupProgress) => void): Promise<PlanWithResult<ArchiveRef>>;
  /** Verifies the archive whole and checks it fits the deployment before making the plan; nothing changes yet. */
  planRestore(deployment: OpenDeployment, archive: string): Promise<PlanWithResult<RestoreOutcome & { safety?: ArchiveRef }>>;
}

function refuseInterrupted(deployment: OpenDeployment): void {
  const journal = deployment.record.operation;
  if (journal) throw new UserError(`${deployment.record.name} on ${deployment.handle.name} has an interrupted ${journal.kind}`, `finish it (homelab-tui resume ${deployment.record.name}) or take it back (homelab-tui undo ${deployment.record.name}) first`, 1);
}

export function backupDesk(deps: BackupDeskDeps): BackupDesk {
  return {
    dir: deps.write.backupsDir,
    list: (deployment) => listBackups(deps.write.backupsDir, deployment),
    async planBackup(deployment, onProgress) {
      refuseInterrupted(deployment);
      const source = await openBackupSource(deployment, await deps.recipe(deployment.record.app));
      return planBackup(source, deps.write, { ...(deps.keep !== undefined ? { keep: deps.keep } : {}), ...(onProgress ? { onProgress } : {}) });
    },
    async planRestore(deployment, archive) {
      refuseInterrupted(deployment);
      const manifest = await verifiedForRestore(archive);
      refuseOtherApp(manifest, deployment.record);
      const recipe = await deps.recipe(deployment.record.app);
      refuseUnknownVersion(manifest, recipe);
      return planRestore(await openBackupSource(deployment, recipe), archive, deps.write);
    },
  };
}
