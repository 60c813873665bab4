import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArchiveName } from './archive-names.js';

/** Archives of `deployment` in `dir`, newest first (by the time in their names). */
export async function archivesOf(dir: string, deployment?: string): Promise<string[]> {
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return files
    .map((file) => ({ file, parsed: parseArchiveName(file) }))
    .filter((f) => f.parsed && (deployment === undefined || f.parsed.deployment === deployment))
    .sort((a, b) => (b.parsed?.stamp ?? '').localeCompare(a.parsed?.stamp ?? '') || b.file.localeCompare(a.file))
    .map((f) => join(dir, f.file));
}

/** Keeps the newest `keep` archives of `deployment` in `dir` and deletes the rest; returns what was deleted. */
export async function applyRetention(dir: string, deployment: string, keep: number): Promise<string[]> {
  const old = (await archivesOf(dir, deployment)).slice(Math.max(1, keep));
  for (const path of old) await rm(path, { force: true });
  return old;
}
