import { UserError } from '../../platform/errors.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { BackupManifest } from './manifest.js';
import { verifyArchive } from './verify-archive.js';

/**
 * The checks before any restore, from the CLI or the dashboard: the archive verified whole (every
 * member re-hashed), so a damaged, truncated or foreign archive is refused before anything changes.
 */
export async function verifiedForRestore(path: string, shown = path): Promise<BackupManifest> {
  const verified = await verifyArchive(path);
  if (!verified.ok) throw new UserError(`not restored: ${shown}: ${verified.reason}`, 'nothing was changed on any host', 1);
  return verified.manifest;
}

/** Refuses an archive of an app version the catalog does not install (a newer one, say). */
export function refuseUnknownVersion(manifest: BackupManifest, recipe: Recipe): void {
  if (recipe.versions.includes(manifest.version)) return;
  throw new UserError(`not restored: the archive is of ${manifest.app} ${manifest.version}, which this catalog does not install (it has ${recipe.versions.join(', ')})`, 'restore with a homelab-tui whose catalog has that version', 1);
}

/** Refuses an archive of another app than the deployment it would go into. */
export function refuseOtherApp(manifest: BackupManifest, deployment: { name: string; app: string }): void {
  if (manifest.app === deployment.app) return;
  throw new UserError(`not restored: the archive is of ${manifest.app}, ${deployment.name} runs ${deployment.app}`, 'restore it into a deployment of the same app; nothing was changed', 1);
}
