import type { LxcInputs } from './inputs.js';
import { dataEntries, describeDataPath, probeDataPaths } from '../../platform/deployments/data-probe.js';
import type { DataEntry } from '../../platform/deployments/deployment-record.js';
import type { PlanAction } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';

/*
 * The app's data in a Proxmox container lives on bind mount points (`mpN: /node/dir,mp=/guest/dir`)
 * from a directory of the deployment on the node, not on a volume the container owns: `pct destroy`
 * destroys every volume the container owns, but a bind mount's source is a plain directory of the
 * node that PVE never allocates nor deletes (and `pct snapshot` does not cover it; the app-level
 * backup does). See https://pve.proxmox.com/pve-docs/chapter-pct.html#_bind_mount_points
 * So `uninstall` without --purge leaves the data on the node with a small note beside it, a later
 * install of the same name offers to mount it again (--reuse-data), and --purge removes both.
 */

/** Where deployments' data directories live on the node: `<dir>/<name>/<path in the guest>`. */
export const LXC_DATA_DIR = '/var/lib/homelab-tui/data';
/** Notes of data kept by an uninstall, `<name>.json` (mode 0600). */
export const KEPT_DATA_DIR = '/var/lib/homelab-tui/kept-data';

export const keptNotePath = (name: string): string => `${KEPT_DATA_DIR}/${name}.json`;

/** The deployment's own directory on the node. */
export const deploymentDataDir = (name: string, dataDir = LXC_DATA_DIR): string => `${dataDir}/${name}`;

/**
 * The bind mounts of the app's data: each directory the recipe backs up in the guest (its state),
 * unless a recipe mount already covers it, from `<dataDir>/<name><guest path>` on the node.
 */
export function dataMounts(inputs: LxcInputs, name: string, dataDir = LXC_DATA_DIR): LxcInputs['mounts'] {
  const taken = inputs.mounts.map((m) => m.guestPath);
  const guestPaths = [...new Set(inputs.backup.paths.map((p) => p.path.replace(/\/+$/, '')))].filter((p) => p.startsWith('/') && p !== '' && !taken.some((t) => p === t || p.startsWith(`${t}/`)));
  return guestPaths.map((guestPath) => ({ hostPath: `${deploymentDataDir(name, dataDir)}${guestPath}`, guestPath, readOnly: false }));
}

/** The data mounts as the node has them before the install: what is created, what is reused. */
export interface LxcDataPlan {
  mounts: LxcInputs['mounts'];
  entries: DataEntry[];
  /** Paths holding files (kept data) that the install would mount again. */
  reused: string[];
  /** A note of kept data for this name is on the node (an uninstall of it kept the data). */
  kept: boolean;
  notes: string[];
}

/**
 * Probes the data directories and the kept-data note. Data kept by an uninstall of this very name
 * (the note is there) stays this deployment's own: created, so --purge removes it later.
 */
export async function planLxcData(runner: CommandRunner, inputs: LxcInputs, name: string, dataDir = LXC_DATA_DIR): Promise<LxcDataPlan> {
  const mounts = dataMounts(inputs, name, dataDir);
  if (mounts.length === 0) return { mounts, entries: [], reused: [], kept: false, notes: [] };
  const [note, ...states] = await probeDataPaths(runner, [keptNotePath(name), ...mounts.map((m) => m.hostPath)]);
  const kept = note?.exists === true;
  const own = deploymentDataDir(name, dataDir);
  const found = kept ? states.map((s): DataEntry => ({ path: s.path, created: true, root: own })) : dataEntries(states);
  const entries = found.map((e, i) => ({ ...e, mount: mounts[i]?.guestPath ?? '' }));
  const reused = states.filter((s) => s.holdsFiles).map((s) => s.path);
  return {
    mounts,
    entries,
    reused,
    kept,
    notes: [
      ...states.map((s, i) => `${describeDataPath(s)} on the node, mounted at ${mounts[i]?.guestPath ?? ''} in the container`),
      ...(kept ? [`data kept by an earlier uninstall of "${name}" is mounted again (${keptNotePath(name)} is removed once installed)`] : []),
      `the data stays on the node when the container is uninstalled (uninstall --purge removes it)`,
    ],
  };
}

/** Written by an uninstall that keeps the data: what is kept where, for a later install and for people. */
export function keptNoteActions(note: { name: string; app: string; node: string; vmid: number; at: string; mounts: { hostPath: string; guestPath: string }[] }): PlanAction[] {
  const content = `${JSON.stringify({ name: note.name, app: note.app, node: note.node, vmid: note.vmid, keptAt: note.at, data: note.mounts.map((m) => ({ node: m.hostPath, guest: m.guestPath })) }, null, 2)}\n`;
  return [
    { kind: 'run', command: { argv: ['mkdir', '-p', '-m', '0700', '--', KEPT_DATA_DIR] } },
    { kind: 'write', path: keptNotePath(note.name), content, mode: 0o600, description: `write ${keptNotePath(note.name)} (mode 0600): the data kept for a later install of ${note.name}` },
  ];
}
