import { join } from 'node:path';

/** `20261206T063000Z`: the archive's time in its name (UTC, sorts by time). */
export function archiveStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export const ARCHIVE_EXT = '.tar';

/** `<name>-<UTC time>.tar` in `dir`. */
export function archivePath(dir: string, deployment: string, ms: number): string {
  return join(dir, `${deployment}-${archiveStamp(ms)}${ARCHIVE_EXT}`);
}

// `.tar.age`: the same archive encrypted with age (backup --encrypt).
const NAME = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)-(\d{8}T\d{6}Z)\.tar(?:\.age)?$/;

/** The deployment and time an archive's file name says, or undefined for another file. */
export function parseArchiveName(file: string): { deployment: string; stamp: string } | undefined {
  const match = NAME.exec(file);
  return match ? { deployment: match[1] ?? '', stamp: match[2] ?? '' } : undefined;
}
