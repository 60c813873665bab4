import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArchiveName } from './archive-names.js';
import { archivesOf } from './retention.js';

/** One archive of a deployment as the dashboard lists it: where, how large, when (from its name). */
export interface BackupLine {
  archive: string;
  file: string;
  bytes: number;
  /** ISO time the archive was taken (UTC, from its name). */
  takenAt: string;
}

/** `20261206T063000Z` → `2026-12-06T06:30:00Z`. */
export function stampToIso(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : stamp;
}

/** The archives of `deployment` in `dir`, newest first, with their sizes; a file gone meanwhile is left out. */
export async function listBackups(dir: string, deployment: string): Promise<BackupLine[]> {
  const lines: BackupLine[] = [];
  for (const archive of await archivesOf(dir, deployment)) {
    const info = await stat(archive).catch(() => undefined);
    const name = parseArchiveName(basename(archive));
    if (!info?.isFile() || !name) continue;
    lines.push({ archive, file: basename(archive), bytes: info.size, takenAt: stampToIso(name.stamp) });
  }
  return lines;
}
