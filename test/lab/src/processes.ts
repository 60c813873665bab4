// Every process the lab starts is recorded by PID (with its start time) and stopped by that PID;
// nothing is ever killed by name.
import { existsSync, readFileSync } from 'node:fs';
import type { LabState, ProcessRecord } from './lab-state.js';
import { sleep } from './shell.js';

export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True while the recorded process (same PID and start time) is alive and not a zombie. */
export function isAlive(record: Pick<ProcessRecord, 'pid' | 'starttime'>): boolean {
  if (startTimeOf(record.pid) !== record.starttime) return false;
  try {
    const state = /State:\s+(\S)/.exec(readFileSync(`/proc/${record.pid}/status`, 'utf8'))?.[1];
    return state !== 'Z';
  } catch {
    return false;
  }
}

export function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

export function recordProcess(state: LabState, name: string, host: string, pid: number): ProcessRecord {
  const starttime = startTimeOf(pid);
  if (!starttime) throw new Error(`${name} on ${host} (PID ${pid}) exited right after it started`);
  const record = { name, host, pid, starttime };
  state.processes = state.processes.filter((p) => !(p.name === name && p.host === host));
  state.processes.push(record);
  return record;
}

/** Sends a signal; a process that ended since it was checked (ESRCH) is what was wanted. */
export function signalIfThere(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGTERM, wait, then SIGKILL: only if the PID still is the process we started. */
export async function stopProcess(record: ProcessRecord, graceMs = 5_000): Promise<void> {
  if (!isAlive(record)) return;
  signalIfThere(record.pid, 'SIGTERM');
  const end = Date.now() + graceMs;
  while (Date.now() < end) {
    if (!isAlive(record)) return;
    await sleep(50);
  }
  if (isAlive(record)) signalIfThere(record.pid, 'SIGKILL');
  for (let i = 0; i < 40 && isAlive(record); i += 1) await sleep(50);
}
