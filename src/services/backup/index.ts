// The backup service (issue 15): one entry point for the CLI, the dashboard and the update (issue 14).
//   openBackupSource(deployment, recipe)    -> BackupSource: answers with secrets, backup paths on the host, database access
//   writeBackup(source, deps, options)      -> ArchiveRef { path, bytes, sha256, manifest } (streamed, 0600, manifest last)
//   verifyArchive(path)                     -> VerifyResult: every member re-hashed against the manifest
//   openArchive(path)                       -> the manifest and members without hashing (list, pre-checks)
//   writeRestore(target, archive, options)  -> stops the app, replaces data, loads the dump, starts, health gate
//                                              (options.only = 'database': the database alone, for the update's rollback)
//   archivesOf(dir, name) / applyRetention(dir, name, keep) / listBackups(dir, name) (sizes and times, newest first)
//   withPlainArchive(path, scratch, key, work) -> work on the archive, decrypted first when it is age-encrypted (--encrypt)
//   sweepPlainCopies(dir)                    -> removes the decrypted copies a process that is gone left behind
//   verifiedForRestore(path), refuseUnknownVersion, refuseOtherApp: the checks before any restore
//   backupDesk(deps)                         -> the dashboard's backups: list, planBackup, planRestore (the same plans)
export type { ArchiveRef, BackupOptions, BackupProgress, RestoreRequest, VerifyResult } from './backup-api.js';
export { openBackupSource, backupProvider, type BackupSource } from './backup-source.js';
export { writeBackup, type WriteBackupDeps } from './write-backup.js';
export { verifyArchive, openArchive, type OpenedArchive } from './verify-archive.js';
export { writeRestore, type RestoreOutcome } from './write-restore.js';
export { archivesOf, applyRetention } from './retention.js';
export { archivePath, parseArchiveName } from './archive-names.js';
export { backupManifestSchema, ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, MANIFEST_MEMBER, type BackupManifest, type ArchiveMemberInfo } from './manifest.js';
export { planBackup, planRestore, type PlanWithResult } from './plans.js';
export { listBackups, type BackupLine } from './backup-listing.js';
export { verifiedForRestore, refuseUnknownVersion, refuseOtherApp } from './restore-checks.js';
export { backupDesk, type BackupDesk, type BackupDeskDeps } from './backup-desk.js';
export { isEncryptedArchive, encryptArchive, decryptArchive, withPlainArchive, checkRecipients, type ArchiveKey } from './archive-crypto.js';
