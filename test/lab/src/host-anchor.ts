// Each host runs its daemons inside one set of namespaces held by an "anchor": catatonit as PID 1 of
// a new PID namespace, in the host's network namespace, with its own mount and UTS namespaces, a
// fresh sysfs (so LXC and Docker see the host's interfaces) and the host's hostname. Killing the
// anchor makes the kernel end every process of that host, containers included.
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LabState, ProcessRecord } from './lab-state.js';
import { saveState } from './lab-state.js';
import { childrenOf, recordProcess } from './processes.js';
import { run, waitFor } from './shell.js';

// LAB.md: keep the cgroup tree while remounting sysfs for the new network namespace. The engines'
// run-time directories get a private tmpfs each, so nothing they write there (podman's netns files,
// lxc locks, containerd sockets) is shared with the machine or another lab. So do the directories
// homelab-tui itself writes on a managed host (deployment records and locks, compose projects, the
// default data paths under /srv): separate machines never share them, and two labs or two hosts of
// one lab must not see each other's deployments.
const PRIVATE_DIRS = '/run/netns /run/containers /run/docker /run/containerd /run/lxc /var/lib/containers /var/lib/homelab-tui /opt/homelab-tui /srv';
// Removing a mount point's directory in the root namespace (another lab whose hosts share it, a test
// on this machine) detaches the mounts on it in every namespace (Linux 3.18 and later), so a host would
// silently share the machine's directory again. `lab:up` on a lab that is up mounts them again.
const RESTORE_SCRIPT = `for d in ${PRIVATE_DIRS}; do mountpoint -q "$d" && continue; mkdir -p "$d"; mount -t tmpfs lab-private "$d"; echo "$d"; done`;
const ANCHOR_SCRIPT =
  'set -e; tmp=$(mktemp -d); mount --rbind /sys/fs/cgroup "$tmp"; umount -l /sys; mount -t sysfs sysfs /sys; ' +
  'mount --move "$tmp" /sys/fs/cgroup; rmdir "$tmp"; ' +
  `for d in ${PRIVATE_DIRS}; do mkdir -p "$d"; mount -t tmpfs lab-private "$d"; done; ` +
  // Each host gets its own empty root home: this machine's /root/.bashrc (pyenv init) would otherwise
  // run in every SSH session on every lab host, costing 100-300 ms of CPU per command.
  'mount -t tmpfs -o mode=0700 lab-home /root; ' +
  'hostname "$1"; exec catatonit -P';

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

export interface HostContext {
  name: string;
  netns: string;
  hostname: string;
  dir: string;
  anchor: ProcessRecord;
}

/** Namespace-entering argv prefix for running a command inside the host. */
export function inHost(anchor: ProcessRecord, cwd = '/'): string[] {
  return ['nsenter', '-t', String(anchor.pid), '--mount', '--uts', '--net', '--pid', `--wd=${cwd}`, '--'];
}

async function spawnRecorded(state: LabState, stateDir: string, host: string, name: string, argv: string[], logFile: string): Promise<ProcessRecord> {
  const log = openSync(logFile, 'a');
  const child = spawn(argv[0] as string, argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  const parent = child.pid;
  if (parent === undefined) throw new Error(`could not start ${name} on ${host}`);
  // nsenter/unshare fork the real process into the host's PID namespace and wait for it: record it.
  await waitFor(`${name} on ${host} to start`, () => childrenOf(parent).length > 0, 10_000);
  const pid = childrenOf(parent)[0] as number;
  const record = recordProcess(state, name, host, pid);
  saveState(stateDir, state);
  return record;
}

export async function startAnchor(state: LabState, stateDir: string, name: string, netns: string, hostname: string): Promise<HostContext> {
  const dir = join(stateDir, 'hosts', name);
  mkdirSync(dir, { recursive: true });
  const argv = ['nsenter', `--net=/run/netns/${netns}`, 'unshare', '--mount', '--uts', '--pid', '--fork', '--mount-proc', '--propagation', 'private', 'sh', '-c', ANCHOR_SCRIPT, 'anchor', hostname];
  const anchor = await spawnRecorded(state, stateDir, name, 'anchor', argv, join(dir, 'anchor.log'));
  // Usable once the mount set-up is done and the shell has become catatonit.
  await waitFor(`anchor of ${name}`, () => commOf(anchor.pid) === 'catatonit', 10_000);
  return { name, netns, hostname, dir, anchor };
}

/** Starts a long-running daemon inside the host and records its PID. */
export function startDaemon(state: LabState, stateDir: string, host: HostContext, name: string, argv: string[]): Promise<ProcessRecord> {
  return spawnRecorded(state, stateDir, host.name, name, [...inHost(host.anchor), ...argv], join(host.dir, `${name}.log`));
}

/** Mounts a host's private directories again where their mounts were detached; returns those it restored. */
export function restorePrivateDirs(anchor: ProcessRecord): string[] {
  return run('nsenter', ['-t', String(anchor.pid), '--mount', '--', 'sh', '-c', RESTORE_SCRIPT]).split('\n').filter(Boolean);
}
