import type { ClusterGuest } from './parse-node.js';

/** A choice made from what the node reported, or why it cannot be made and what to do. */
export type Choice<T> = { ok: true; value: T; detail: string } | { ok: false; reason: string; hint: string };

/** The lowest id from `start` on that no guest in the cluster uses (LXC and QEMU share ids). */
export function firstFreeId(guests: readonly ClusterGuest[], start: number): number {
  const used = new Set(guests.map((g) => g.vmid));
  let id = Math.max(100, start);
  while (used.has(id)) id++;
  return id;
}

/**
 * The container id: the one the user fixed, refused when any guest in the cluster has it; otherwise
 * the node's next free id, moved past any id the cluster resources show in use.
 */
export function chooseContainerId(guests: readonly ClusterGuest[], nextId: number, fixed?: number): Choice<number> {
  if (fixed === undefined) {
    const id = firstFreeId(guests, nextId);
    return { ok: true, value: id, detail: `CT ${id}, the next free id in the cluster` };
  }
  const holder = guests.find((g) => g.vmid === fixed);
  if (!holder) return { ok: true, value: fixed, detail: `CT ${fixed} (fixed) is free in the cluster` };
  const what = holder.type === 'qemu' ? 'VM' : 'CT';
  return {
    ok: false,
    reason: `id ${fixed} is taken by ${what} ${fixed}${holder.name ? ` "${holder.name}"` : ''}${holder.node ? ` on node ${holder.node}` : ''}`,
    hint: `choose another lxc_ctid, or leave it empty to take the next free id (${firstFreeId(guests, nextId)})`,
  };
}

// debian-12-standard_12.7-1_amd64.tar.zst: the name pveam gives Debian's system templates.
const DEBIAN = /(?:^|\/)debian-(\d+)-standard_(\d+)\.(\d+)-(\d+)_[a-z0-9]+\.tar\.(?:zst|gz|xz)$/;

function debianRank(volid: string): number[] | undefined {
  const m = DEBIAN.exec(volid);
  return m ? m.slice(1, 5).map(Number) : undefined;
}

const HOW_TO_GET = 'pveam update && pveam available --section system && pveam download local debian-12-standard_12.7-1_amd64.tar.zst';

/**
 * The ostemplate: the one asked for (which must be on the node), else the newest Debian standard
 * template, else (for recipes that need only a POSIX shell) the first template the node has.
 */
export function chooseTemplate(volids: readonly string[], os: 'debian' | 'any', preferred?: string): Choice<string> {
  if (preferred !== undefined) {
    if (volids.includes(preferred)) return { ok: true, value: preferred, detail: preferred };
    const file = preferred.replace(/^[^:]*:(vztmpl\/)?/, '');
    return { ok: false, reason: `template ${preferred} is not on this node`, hint: `download it: pveam update && pveam download ${preferred.split(':')[0]} ${file}` };
  }
  const debian = volids
    .map((volid) => ({ volid, rank: debianRank(volid) }))
    .filter((t): t is { volid: string; rank: number[] } => t.rank !== undefined)
    .sort((a, b) => compareRanks(b.rank, a.rank));
  const best = debian[0]?.volid ?? (os === 'any' ? [...volids].sort()[0] : undefined);
  if (best) return { ok: true, value: best, detail: best };
  return {
    ok: false,
    reason: os === 'debian' ? 'the node has no Debian container template' : 'the node has no container template',
    hint: `download one: ${HOW_TO_GET}`,
  };
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
