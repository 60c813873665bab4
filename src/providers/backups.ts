// What a provider offers backup and restore (issue 15): where a deployment's data lives on its host,
// how its database is reached, and its secrets as the host holds them. Re-exported by provider.ts.
import type { DeploymentRecord } from '../platform/deployments/deployment-record.js';
import type { HealthCheck } from '../platform/health/health-check.js';
import type { BackupInputs, RenderedCommon } from '../platform/recipe/render/rendered.js';
import type { Command } from '../platform/runner/command-runner.js';
import type { Provider, ProviderContext } from './provider.js';

/**
 * Where a deployment's backup lives on its host and how its database is reached (backup and restore
 * stream through the host's runner; the services do the archive, dumps and checks).
 */
export interface BackupAccess {
  /** The host path of each of the recipe's backup paths (`backup.paths`, same order). */
  hostPaths: string[];
  /** The SQLite file on the host, when the database is SQLite. */
  sqliteHostPath?: string;
  /** The argv prefix that runs a database tool beside the database (a container exec), or [] to run it on the host. */
  databaseExec: string[];
  /**
   * Starts the database's own service alone when it runs inside the deployment (a companion container):
   * a load runs while the app is stopped, and the tools run in that container.
   */
  databaseStart?: Command;
  /** Stops the app (for a stopped copy, and before a restore replaces its data). */
  stop: Command;
  /** Starts it again. */
  start: Command;
  /** The app answers again (the health gate after a restore). */
  healthy: HealthCheck;
  /** Checks run at once of the health gate's whole wait (ms). */
  healthTimeoutMs: number;
}

/** Can be backed up and restored (issue 15): its secrets as the host holds them, and its backup access. */
export interface Backups {
  /**
   * The secret answers' values as the deployment holds them on the host. `rendered` is the recipe
   * rendered with `sentinels` (answer id -> a unique placeholder) in place of each secret.
   */
  readSecrets(ctx: ProviderContext, record: DeploymentRecord, rendered: RenderedCommon, sentinels: Readonly<Record<string, string>>): Promise<Record<string, string>>;
  backupAccess(ctx: ProviderContext, record: DeploymentRecord, backup: BackupInputs): Promise<BackupAccess>;
}

export function hasBackups(provider: Provider): provider is Provider & Backups {
  return typeof (provider as Partial<Backups>).backupAccess === 'function';
}
