import { hostname, userInfo } from 'node:os';

/** Who runs an operation: written into locks and journals, so another admin sees who and can judge if they are gone. */
export interface Holder {
  user: string;
  machine: string;
  pid: number;
  /** The homelab-tui version. */
  tool: string;
}

/** This process as a holder. */
export function thisHolder(tool: string): Holder {
  return { user: userInfo().username, machine: hostname(), pid: process.pid, tool };
}

/** Whether a process with this pid exists on this machine (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why a holder is gone, or undefined when it may still be working: only a holder on this machine can
 * be checked directly (its pid no longer runs); others are judged by their heartbeat.
 */
export function holderIsGone(holder: Pick<Holder, 'machine' | 'pid'>, local: Holder): string | undefined {
  if (holder.machine !== local.machine) return undefined;
  if (holder.pid === local.pid) return undefined;
  return processAlive(holder.pid) ? undefined : `process ${holder.pid} on ${holder.machine} has ended`;
}
