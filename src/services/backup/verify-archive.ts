import { stat } from 'node:fs/promises';
import { hashMember, listArchive, readMemberText, type ArchiveMember } from '../../platform/archive/archive-reader.js';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, MANIFEST_LIMIT, MANIFEST_MEMBER, backupManifestSchema, type BackupManifest } from './manifest.js';
import type { VerifyResult } from './backup-api.js';
import { isEncryptedArchive } from './archive-crypto.js';

/** How an encrypted archive is opened (the reason's second half). */
export const ENCRYPTED_HINT = 'homelab-tui backups verify and restore open it with its passphrase (on stdin or --passphrase-file) or --identity FILE';

/** The manifest of an archive and where its members are, or why it is not a readable homelab-tui backup. */
export type OpenedArchive = { ok: true; manifest: BackupManifest; members: ArchiveMember[]; bytes: number } | { ok: false; reason: string };

/** Reads an archive's headers and manifest without hashing (for `backups list`, and before verify). */
export async function openArchive(path: string): Promise<OpenedArchive> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return { ok: false, reason: info.code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${info.code ?? 'error'})` };
  if (!info.isFile()) return { ok: false, reason: 'it is not a regular file' };
  if (await isEncryptedArchive(path)) return { ok: false, reason: `it is encrypted (age): ${ENCRYPTED_HINT}` };
  const listing = await listArchive(path).catch((error: NodeJS.ErrnoException) => ({ ok: false as const, reason: `it cannot be read (${error.code ?? 'error'})` }));
  if (!listing.ok) return listing;
  const last = listing.members.at(-1);
  if (!last || last.name !== MANIFEST_MEMBER) return { ok: false, reason: 'it is not a homelab-tui backup (it has no manifest)' };
  const text = await readMemberText(path, last, MANIFEST_LIMIT);
  if (text === undefined) return { ok: false, reason: 'it is not a homelab-tui backup (its manifest is too large)' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'its manifest is not valid JSON (the archive is damaged)' };
  }
  const format = (raw as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== ARCHIVE_FORMAT) return { ok: false, reason: 'it is not a homelab-tui backup (its manifest is of another format)' };
  if (typeof format.formatVersion === 'number' && format.formatVersion > ARCHIVE_FORMAT_VERSION) {
    return { ok: false, reason: `it was written by a newer homelab-tui (archive format ${format.formatVersion}; this build reads ${ARCHIVE_FORMAT_VERSION})` };
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `its manifest is damaged (${parsed.error.issues[0]?.path.join('.') || 'top level'} is not valid)` };
  return { ok: true, manifest: parsed.data, members: listing.members.slice(0, -1), bytes: listing.size };
}

/**
 * Verifies an archive whole: its tar structure, its manifest, and every member's size and sha256
 * against the manifest. Nothing is written anywhere.
 */
export async function verifyArchive(path: string, onProgress?: (member: string, bytes: number) => void): Promise<VerifyResult> {
  const opened = await openArchive(path);
  if (!opened.ok) return opened;
  const { manifest, members } = opened;
  const listed = new Map(manifest.members.map((m) => [m.name, m]));
  for (const member of members) {
    const expected = listed.get(member.name);
    if (!expected) return { ok: false, reason: `member ${member.name} is not in the manifest` };
    if (expected.bytes !== member.bytes) return { ok: false, reason: `member ${member.name} has ${member.bytes} bytes, the manifest says ${expected.bytes}` };
    const sha256 = await hashMember(path, member, (bytes) => onProgress?.(member.name, bytes));
    if (sha256 !== expected.sha256) return { ok: false, reason: `member ${member.name} does not match its sha256 (the archive is damaged)` };
    listed.delete(member.name);
  }
  const missing = [...listed.keys()][0];
  if (missing) return { ok: false, reason: `member ${missing} is missing` };
  return { ok: true, manifest, bytes: opened.bytes };
}
