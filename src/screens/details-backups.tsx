import { Text } from 'ink';
import type { ReactNode } from 'react';
import { shortBytes } from '../services/fleet/units.js';
import type { DetailsState } from '../store/details-slice.js';
import type { Theme } from './theme.js';

type Line = { key: string; node: ReactNode };

/** At most this many archives are listed at once; the window follows the selection. */
export const BACKUP_ROWS = 4;

/** The first row of the window of `rows` that keeps `cursor` in view. */
function windowStart(cursor: number, count: number, rows: number): number {
  return Math.max(0, Math.min(Math.max(0, cursor - rows + 1), count - rows));
}

/**
 * The details' Backups section: the deployment's archives on this machine, newest first, with their
 * time (UTC) and size; the selected one (↑/↓) is the one P restores.
 */
export function backupLines(details: DetailsState | undefined, cursor: number, theme: Theme): { title: string; lines: Line[] } {
  const d = details?.details;
  const muted = (key: string, text: string): Line => ({ key, node: <Text color={theme.muted} wrap="truncate-end">  {text}</Text> });
  const title = d?.backupsDir ? `Backups (in ${d.backupsDir})` : 'Backups';
  // The details' own error line says why nothing was read.
  if (!d) return { title, lines: details?.error ? [] : [muted('backups-wait', 'reading…')] };
  if (!d.backups) return { title, lines: [] };
  if (d.backupsError) return { title, lines: [muted('backups-err', d.backupsError)] };
  if (d.backups.length === 0) return { title, lines: [muted('backups-none', 'none on this machine yet (b takes one)')] };
  const start = windowStart(cursor, d.backups.length, BACKUP_ROWS);
  const shown = d.backups.slice(start, start + BACKUP_ROWS);
  const lines = shown.map((b, i): Line => {
    const selected = start + i === cursor;
    const text = `${b.takenAt.replace('T', ' ')}  ${shortBytes(b.bytes).padStart(5)}  ${b.file}`;
    return { key: `backup-${b.archive}`, node: <Text wrap="truncate-end" {...(selected ? { bold: true } : { color: theme.muted })}>{selected ? '▸ ' : '  '}{text}</Text> };
  });
  const more = d.backups.length - shown.length;
  return { title, lines: more > 0 ? [...lines, muted('backups-more', `${start + shown.length}/${d.backups.length} (↑/↓ for the others)`)] : lines };
}
