import type { LxcInputs } from './inputs.js';
import type { PreflightItem } from '../provider.js';

/** Prints `path<TAB>uid gid` for each directory argument, or `path<TAB>missing`. */
export const MOUNT_PROBE_SCRIPT =
  'for p in "$@"; do if [ -d "$p" ]; then printf \'%s\\t%s\\n\' "$p" "$(stat -c \'%u %g\' -- "$p")"; else printf \'%s\\tmissing\\n\' "$p"; fi; done';

/** Unprivileged containers see host uid 100000 + n as their uid n (PVE's default id map). */
export const UNPRIVILEGED_ROOT_UID = 100_000;

/** What the probe saw per host path: its owner, or undefined when it does not exist. */
export function parseMountProbe(stdout: string): Map<string, { uid: number; gid: number } | undefined> {
  const seen = new Map<string, { uid: number; gid: number } | undefined>();
  for (const line of stdout.split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    const [uid, gid] = line.slice(tab + 1).split(' ').map(Number);
    seen.set(line.slice(0, tab), uid !== undefined && gid !== undefined && !Number.isNaN(uid) && !Number.isNaN(gid) ? { uid, gid } : undefined);
  }
  return seen;
}

/**
 * Each bind mount's host directory: a missing read-only one blocks (pct start would fail); a missing
 * read-write one is created by the install; an existing read-write one an unprivileged container's root
 * cannot write (owned below uid 100000) is a warning with the chown that fixes it.
 */
export function judgeMounts(inputs: LxcInputs, probe: Map<string, { uid: number; gid: number } | undefined>): PreflightItem[] {
  return inputs.mounts.map((mount) => {
    const label = `Mount ${mount.hostPath} → ${mount.guestPath}${mount.readOnly ? ' (read-only)' : ''}`;
    const owner = probe.get(mount.hostPath);
    if (!owner) {
      return mount.readOnly
        ? { status: 'fail', label, detail: `${mount.hostPath} does not exist on the node`, hint: `create it on the node, or leave that folder question empty` }
        : { status: 'ok', label, detail: `${mount.hostPath} will be created${inputs.unprivileged ? ` for the container's root (uid ${UNPRIVILEGED_ROOT_UID} on the node)` : ''}` };
    }
    if (!mount.readOnly && inputs.unprivileged && owner.uid < UNPRIVILEGED_ROOT_UID) {
      return {
        status: 'warn',
        label,
        detail: `${mount.hostPath} belongs to uid ${owner.uid} on the node, which the unprivileged container cannot write as`,
        hint: `give it to the container's root: chown ${UNPRIVILEGED_ROOT_UID}:${UNPRIVILEGED_ROOT_UID} ${mount.hostPath}`,
      };
    }
    return { status: 'ok', label, detail: `${mount.hostPath} exists` };
  });
}
