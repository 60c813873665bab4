import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { ownedData } from '../../platform/deployments/data-ownership.js';
import { HOST_STATE_DIR } from '../../platform/operation/host-state.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { pathsOverlap } from '../../platform/deployments/data-ownership.js';
import { dumpAction, loadActions, type DatabaseDumpFile } from './database-dump.js';

/** Where the pre-update backups of a deployment are kept on its host. */
export function backupDir(name: string): string {
  return `${HOST_STATE_DIR}/backups/${name}`;
}

/** The pre-update backup of one update: an archive of the deployment's data folders and its checksum, and the database's dump. */
export interface DataBackup {
  archive: string;
  paths: string[];
  database?: DatabaseDumpFile;
}

// Archives the folders (paths relative to /, so a restore puts them back where they were), then
// reads the whole archive back and records its checksum: a backup that cannot be read stops the update.
const BACKUP_SCRIPT = [
  'set -e',
  'archive="$1"; shift',
  'mkdir -p -- "$(dirname -- "$archive")"',
  'chmod 700 -- "$(dirname -- "$archive")"',
  'for p in "$@"; do [ -e "$p" ] || { echo "data folder $p is missing" >&2; exit 3; }; done',
  'tar -C / -cpzf "$archive.part" $(for p in "$@"; do printf "%s\\n" "${p#/}"; done)',
  'tar -tzf "$archive.part" >/dev/null',
  'mv -- "$archive.part" "$archive"',
  'sha256sum -- "$archive" > "$archive.sha256"',
  'echo "backup $archive: $(du -k -- "$archive" | cut -f1) KiB, verified"',
].join('\n');

// Empties each folder and unpacks the archive over it, after checking the archive against its checksum.
const RESTORE_SCRIPT = [
  'set -e',
  'archive="$1"; shift',
  'sha256sum -c --status -- "$archive.sha256"',
  'for p in "$@"; do mkdir -p -- "$p"; find "$p" -mindepth 1 -delete; done',
  'tar -C / -xpzf "$archive"',
  'echo "restored $* from $archive"',
].join('\n');

/** The backup of a deployment's own data folders (none: nothing to back up). */
export function dataBackup(record: DeploymentRecord, operationStamp: string): DataBackup {
  const paths = ownedData(record).map((e) => e.path).filter((p) => p.startsWith('/') && p !== '/');
  return { archive: `${backupDir(record.name)}/${operationStamp}-${record.version}.tar.gz`, paths };
}

/**
 * The backup with `database` as its dump, and the folders the database keeps its files in left out of
 * the archive: the dump is their consistent copy (a server's files archived while it runs are not),
 * and a rollback must not empty them before the server starts for the load. A data folder that holds
 * one of them (a parent) is still archived whole: the warning says so.
 */
export function withDatabase(backup: DataBackup, database: DatabaseDumpFile): { backup: DataBackup; warnings: string[] } {
  const folders = database.folders ?? [];
  const inside = (path: string) => folders.some((f) => pathsOverlap(f, path) && path.replace(/\/+$/, '').length >= f.replace(/\/+$/, '').length);
  const paths = backup.paths.filter((p) => !inside(p));
  const warnings = paths
    .filter((p) => folders.some((f) => pathsOverlap(f, p)))
    .map((p) => `${p} holds the database's files: it is archived while the database runs (the rollback loads the dump after restoring it)`);
  return { backup: { ...backup, paths, database }, warnings };
}

/** The step that takes and verifies the backup; it is kept when the update is undone (the rollback reads it). */
export function backupStep(backup: DataBackup): PlanStep {
  const what = [...(backup.database ? [`the ${backup.database.kind} database`] : []), ...backup.paths];
  return {
    id: 'backup',
    title: what.length ? `Back up the data (${what.join(', ')}) and verify it` : 'Back up the data (none to back up)',
    actions: [
      // The dump first: a database that cannot be dumped stops the update before anything else is written.
      ...(backup.database ? [dumpAction(backup.database)] : []),
      ...(backup.paths.length
        ? [{ kind: 'run' as const, command: { argv: ['sh', '-c', BACKUP_SCRIPT, 'backup', backup.archive, ...backup.paths], timeoutMs: 30 * 60_000 }, description: `archive ${backup.paths.join(', ')} into ${backup.archive}, read it back and record its checksum` }]
        : []),
    ],
    creates: [...(backup.database ? [backup.database.file] : []), ...(backup.paths.length ? [backup.archive] : [])],
  };
}

/** What puts the data and the database back as they were before the update (run while the app is stopped, before the old version starts). */
export function restoreActions(backup: DataBackup): PlanAction[] {
  return [
    ...(backup.paths.length
      ? [{ kind: 'run' as const, command: { argv: ['sh', '-c', RESTORE_SCRIPT, 'restore', backup.archive, ...backup.paths], timeoutMs: 30 * 60_000 }, description: `restore ${backup.paths.join(', ')} from ${backup.archive}` }]
      : []),
    ...(backup.database ? loadActions(backup.database) : []),
  ];
}
