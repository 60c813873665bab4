// A member streamed into an archive without knowing its size first goes in parts of PART_BYTES, each
// a tar entry named `<member>.<6-digit index>` (`data/0.tar.000000`, `data/0.tar.000001`…): a part's
// size is known when its header is written, so the archive is written and hashed in one pass. A plain
// `tar -xf` gives the parts; `cat data/0.tar.* > data/0.tar` joins them (the indexes sort in order).

/** The size of every part but the last (4 MiB: the most a writer keeps in memory). */
export const PART_BYTES = 4 * 1024 * 1024;

const PART = /^(.+)\.(\d{6})$/;

/** The entry name of part `index` of member `name`. */
export function partName(name: string, index: number): string {
  return `${name}.${String(index).padStart(6, '0')}`;
}

/** The member and index of a part's entry name, or undefined for a whole member's. */
export function parsePartName(entry: string): { name: string; index: number } | undefined {
  const match = PART.exec(entry);
  return match?.[1] && match[2] ? { name: match[1], index: Number(match[2]) } : undefined;
}
