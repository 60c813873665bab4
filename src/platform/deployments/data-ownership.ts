import type { DataEntry, DeploymentRecord } from './deployment-record.js';

/**
 * The data paths a record owns. Records of older builds list only `dataPaths`: those folders were
 * made by the install (as `--purge` always assumed), so they count as created.
 */
export function ownedData(record: DeploymentRecord): DataEntry[] {
  if (record.data) return record.data;
  return (record.dataPaths ?? []).map((path) => ({ path, created: true }));
}

/** True when one path is the other or lies inside it. */
export function pathsOverlap(a: string, b: string): boolean {
  const x = trimmed(a);
  const y = trimmed(b);
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

function trimmed(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** For each path, the other deployment (by name) whose data it is, inside or around. */
export function otherOwners(records: readonly DeploymentRecord[], name: string, paths: readonly string[]): { path: string; owner: string; ownerPath: string }[] {
  const found: { path: string; owner: string; ownerPath: string }[] = [];
  for (const path of paths) {
    for (const record of records) {
      if (record.name === name) continue;
      const hit = ownedData(record).find((entry) => pathsOverlap(entry.path, path));
      if (hit) {
        found.push({ path, owner: record.name, ownerPath: hit.path });
        break;
      }
    }
  }
  return found;
}

/** The folders between a created data path and the topmost folder its creation added, deepest first. */
export function createdParents(entry: DataEntry): string[] {
  if (!entry.created || !entry.root) return [];
  const root = trimmed(entry.root);
  const parents: string[] = [];
  let dir = trimmed(entry.path);
  while (dir.startsWith(`${root}/`)) {
    dir = dir.slice(0, dir.lastIndexOf('/'));
    parents.push(dir);
  }
  return parents;
}

/** The `data` of a record, with `dataPaths` (created folders only) kept for older builds' `--purge`. */
export function dataFields(entries: readonly DataEntry[]): Pick<DeploymentRecord, 'data' | 'dataPaths'> {
  return { data: [...entries], dataPaths: entries.filter((e) => e.created).map((e) => e.path) };
}
