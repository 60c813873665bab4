import type { Clock } from '../../platform/clock.js';
import { hasBackups } from '../../providers/provider.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { readAnswersWithSecrets } from '../backup/backup-source.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';
import { testDatabase, type DatabaseCheck } from '../wizard/database-check.js';

/**
 * Whether the app's database user can log in to its database server, tried from the app's host as
 * the app reaches it: the server its recipe dumps in a backup (`backup.database`, PostgreSQL or
 * MySQL, with no `service`: a server of its own, not a container of the deployment), with the user
 * and the password read back from the host. The password goes to the client on stdin, never argv.
 * Undefined when the deployment uses no database server.
 */
export async function checkDatabaseLogin(deployment: OpenDeployment, recipe: Recipe, options: { clock: Clock; signal?: AbortSignal }): Promise<DatabaseCheck | undefined> {
  const { entry, record } = deployment;
  if (!entry) return undefined;
  const provider = providerOf(deployment);
  if (!hasBackups(provider)) return undefined;
  // Rendered first with placeholders (no command): most deployments use no database server, and
  // they cost nothing on each refresh; only the others read their secrets back from the host.
  const placeholders = Object.fromEntries(record.secretKeys.map((key) => [key, 'placeholder']));
  const shape = (() => {
    try {
      return entry.install(recipe, { ...record.answers, version: record.version, ...placeholders } as Answers).inputs.backup.database;
    } catch {
      // A recipe that refuses the placeholder: decide on the real secrets below.
      return 'unknown' as const;
    }
  })();
  if (shape !== 'unknown' && (!shape || shape.kind === 'sqlite' || shape.service)) return undefined;
  const { inputs } = await readAnswersWithSecrets(deployment, provider, recipe);
  const database = inputs.backup.database;
  if (!database || database.kind === 'sqlite' || database.service) return undefined;
  return testDatabase(deployment.handle.runner, database, options);
}
