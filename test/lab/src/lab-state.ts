// What a lab instance created, recorded as it goes (state.json in its state dir) so lab:down, even
// after a crash half-way through lab:up, removes exactly that and nothing else.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessRecord {
  /** e.g. "anchor", "sshd", "dockerd", "postgres". */
  name: string;
  host: string;
  pid: number;
  /** /proc/PID/stat start time, so a recycled PID is never mistaken for ours. */
  starttime: string;
}

export interface LabState {
  prefix: string;
  net: string;
  createdAt: string;
  /** net.ipv4.ip_forward of the root namespace before the lab, put back by lab:down. */
  ipForwardBefore?: string;
  /** nft tables in the root namespace before the lab; any new docker/podman one is removed. */
  nftTablesBefore?: string[];
  namespaces: string[];
  rootLinks: string[];
  /** Root-namespace routes as `ip route del` arguments. */
  routes: string[][];
  processes: ProcessRecord[];
  /** cgroup directories (relative to each controller) the lab's engines create. */
  cgroupDirs: string[];
}

export function statePath(stateDir: string): string {
  return join(stateDir, 'state.json');
}

export function loadState(stateDir: string): LabState | undefined {
  const file = statePath(stateDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LabState) : undefined;
}

export function saveState(stateDir: string, state: LabState): void {
  mkdirSync(stateDir, { recursive: true });
  const tmp = `${statePath(stateDir)}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, statePath(stateDir));
}

export function emptyState(prefix: string, net: string): LabState {
  return { prefix, net, createdAt: new Date().toISOString(), namespaces: [], rootLinks: [], routes: [], processes: [], cgroupDirs: [] };
}

/** Adds an item to one of the state's lists (once) and saves at once. */
export function remember<K extends 'namespaces' | 'rootLinks' | 'cgroupDirs'>(stateDir: string, state: LabState, key: K, item: string): void {
  if (!state[key].includes(item)) state[key].push(item);
  saveState(stateDir, state);
}
