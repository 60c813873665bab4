// Which container tools each lab host has, and hiding the others. Lab hosts share this machine's
// files, so without this every host would find the machine's own podman, podman-compose, docker-compose
// or kubectl (a cloud SDK's) on its PATH: the "bare" host would not be bare, and what a test learns
// about detection would be an accident of the machine's packages. Inside each host's own mount
// namespace, an overlay with whiteouts over the PATH directories removes every container tool the
// host is not given; the machine itself is untouched.
import { existsSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { inHost } from './host-anchor.js';
import { run } from './shell.js';

/** The tools each host is given (the manifest's `tools`); a host not named has none of CONTAINER_TOOLS. */
export const TOOLS: Record<string, string[]> = {
  docker: ['docker', 'docker-compose'],
  podman: ['podman', 'podman-compose'],
  pve: ['pct', 'pvesh', 'lxc-ls'],
  db: ['psql', 'mariadb', 'postgres', 'mariadbd'],
  k3s: ['kubectl', 'k3s', 'podman'],
};

/** What homelab-tui's host probe looks for to run apps: hidden on every host that is not given them. */
export const CONTAINER_TOOLS = ['docker', 'docker-compose', 'podman', 'podman-compose', 'kubectl', 'k3s', 'pct', 'pvesh'];

function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The machine's PATH directories (each once, symlinks like /bin resolved) holding any of `tools`. */
function dirsHolding(basePath: string, tools: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const dir of basePath.split(':')) {
    if (!existsSync(dir)) continue;
    const real = realpathSync(dir);
    const names = tools.filter((t) => present(`${real}/${t}`));
    if (names.length > 0) found.set(real, [...new Set([...(found.get(real) ?? []), ...names])]);
  }
  return found;
}

// Run inside the host's mount namespace: a tmpfs (on ROOT, in the host's directory under the lab's
// state, mounted in this namespace only) holds, per directory, an upper layer of whiteouts (character
// device 0/0) and the overlay's work directory. Arguments: ROOT DIR NAME... -- DIR NAME...
const HIDE_SCRIPT = String.raw`set -eu
root=$1; shift
mount -t tmpfs lab-hide "$root"
i=0
while [ $# -gt 0 ]; do
  dir=$1; shift; i=$((i + 1))
  mkdir "$root/upper$i" "$root/work$i"
  while [ $# -gt 0 ] && [ "$1" != -- ]; do mknod "$root/upper$i/$1" c 0 0; shift; done
  [ $# -gt 0 ] && shift
  mount -t overlay lab-hide -o "lowerdir=$dir,upperdir=$root/upper$i,workdir=$root/work$i" "$dir"
done`;

/** Hides, on this host only, every container tool the lab does not give it; returns the ones hidden. */
export function hideForeignTools(host: HostContext, basePath: string): string[] {
  const given = new Set(TOOLS[host.name] ?? []);
  const dirs = dirsHolding(basePath, CONTAINER_TOOLS.filter((t) => !given.has(t)));
  if (dirs.size === 0) return [];
  const root = join(host.dir, 'hidden-tools');
  mkdirSync(root, { recursive: true });
  const args = [root, ...[...dirs].flatMap(([dir, names], i) => [...(i > 0 ? ['--'] : []), dir, ...names])];
  run(inHost(host.anchor)[0] as string, [...inHost(host.anchor).slice(1), 'sh', '-c', HIDE_SCRIPT, 'hide', ...args]);
  return [...new Set([...dirs.values()].flat())].sort();
}
