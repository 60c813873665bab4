// The backup service's public API (issue 15). The update helper (issue 14) builds its pre-update
// backup and its database rollback on these names: keep them stable.
import type { BackupManifest } from './manifest.js';
import type { ArchiveKey } from './archive-crypto.js';

/** A finished archive on this machine. */
export interface ArchiveRef {
  /** Absolute path of the archive file (mode 0600). */
  path: string;
  bytes: number;
  /** sha256 (hex) of the whole archive file. */
  sha256: string;
  manifest: BackupManifest;
  /** Encrypted with age (`.tar.age`). */
  encrypted?: boolean;
}

/** Where and how to take a backup. */
export interface BackupOptions {
  /** Directory the archive goes to (created 0700 when missing); default: the state dir's backups/. */
  dir?: string;
  /** Keep only the newest N archives of this deployment in `dir` after this one is written. */
  keep?: number;
  /** Byte progress of the member being written (`total` when known). */
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
  /** Encrypt the archive with age for a passphrase or recipients (`<name>-<time>.tar.age`). */
  encrypt?: ArchiveKey;
}

export interface BackupProgress {
  member: string;
  bytes: number;
  total?: number;
}

/** The result of checking an archive: every member re-hashed against the manifest. */
export type VerifyResult = { ok: true; manifest: BackupManifest; bytes: number } | { ok: false; reason: string };

/** Where a restore goes: the same deployment (replacing its data after a safety backup) or a new one. */
export interface RestoreRequest {
  archive: string;
  /** The host to restore onto (default: the deployment's host when it exists, else the archive's host). */
  host?: string;
  /** The provider for a new deployment (default: the archive's). */
  provider?: string;
  /** The deployment name (default: the archive's). */
  name?: string;
}
