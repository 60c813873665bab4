// `lab:status`: which hosts and daemons of this lab instance are up.
import { existsSync } from 'node:fs';
import { loadState } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { manifestPath } from './manifest-file.js';
import { netnsExists } from './network.js';
import { isAlive } from './processes.js';

export interface StatusLine {
  host: string;
  netns: boolean;
  processes: { name: string; pid: number; alive: boolean }[];
}

export function labStatus(s: LabSettings): StatusLine[] | undefined {
  const state = loadState(s.stateDir);
  if (!state) return undefined;
  const hosts = [...new Set(state.processes.map((p) => p.host))];
  return hosts.map((host) => ({
    host,
    netns: netnsExists(`${s.prefix}-${host}`),
    processes: state.processes.filter((p) => p.host === host).map((p) => ({ name: p.name, pid: p.pid, alive: isAlive(p) })),
  }));
}

/** Up = state and manifest present, every namespace there, every recorded process alive. */
export function labIsHealthy(s: LabSettings): boolean {
  const lines = labStatus(s);
  return Boolean(lines && existsSync(manifestPath(s.stateDir)) && lines.every((l) => l.netns && l.processes.every((p) => p.alive)));
}

export function printStatus(s: LabSettings): boolean {
  const lines = labStatus(s);
  if (!lines) {
    console.log(`lab '${s.prefix}': down (state dir ${s.stateDir})`);
    return false;
  }
  for (const l of lines) {
    const procs = l.processes.map((p) => `${p.name}:${p.pid}${p.alive ? '' : ' DEAD'}`).join(' ');
    console.log(`${`${s.prefix}-${l.host}`.padEnd(16)} ${l.netns ? 'netns ok' : 'NO NETNS'}  ${procs}`);
  }
  const healthy = labIsHealthy(s);
  console.log(healthy ? `lab '${s.prefix}': up; manifest ${manifestPath(s.stateDir)}` : `lab '${s.prefix}': DEGRADED`);
  return healthy;
}
