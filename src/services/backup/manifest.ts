import { z } from 'zod';
import { PROVIDERS } from '../../platform/recipe/provider-ids.js';

/** What tells a homelab-tui backup from any other tar file. */
export const ARCHIVE_FORMAT = 'homelab-tui-backup';
/**
 * The archive layout this build writes; a newer one is refused with a clear reason. 2: a member
 * larger than one part is written in parts (src/platform/archive/member-parts.ts); this build reads
 * 1 as well (a member is one entry there).
 */
export const ARCHIVE_FORMAT_VERSION = 2;
/** The manifest is the archive's last member (it carries the hashes of those before it). */
export const MANIFEST_MEMBER = 'manifest.json';
/** Manifests are small; anything larger is not ours. */
export const MANIFEST_LIMIT = 1 << 20;

/** One member of the archive: a data path's tar, the database dump. */
export const memberSchema = z.looseObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,90}$/),
  kind: z.enum(['data', 'database']),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** For data: the path as the recipe names it (inside the container or guest), and the service. */
  path: z.string().optional(),
  service: z.string().optional(),
  /** Where it was on the source host (informational). */
  hostPath: z.string().optional(),
});

export type ArchiveMemberInfo = z.output<typeof memberSchema>;

/** The database the archive holds a dump of, and the tool that made it. */
export const databaseInfoSchema = z.looseObject({
  kind: z.enum(['sqlite', 'postgres', 'mysql']),
  /** `sqlite3 .backup`, `stopped copy`, `pg_dump`, `mysqldump --single-transaction`. */
  method: z.string(),
  toolVersion: z.string().optional(),
  member: z.string(),
  /** For SQLite: the file inside the container or guest. */
  path: z.string().optional(),
});

/** The manifest: what was backed up, from where, and the size and sha256 of every member. */
export const backupManifestSchema = z.looseObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().min(1),
  tool: z.looseObject({ name: z.literal('homelab-tui'), version: z.string() }),
  createdAt: z.string(),
  deployment: z.string(),
  app: z.string(),
  version: z.string(),
  provider: z.enum(PROVIDERS),
  host: z.looseObject({ name: z.string(), arch: z.string().optional() }),
  /** Every answer, secrets included (the archive is 0600; --encrypt protects it further). */
  answers: z.record(z.string(), z.unknown()),
  secretKeys: z.array(z.string()),
  database: databaseInfoSchema.optional(),
  members: z.array(memberSchema),
  /** How long the app was stopped for a consistent copy (0: never stopped). */
  stoppedMs: z.number().int().min(0),
});

export type BackupManifest = z.output<typeof backupManifestSchema>;
