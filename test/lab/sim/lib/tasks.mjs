// SIMULATOR support: PVE runs long operations as tasks named by a UPID and logs them. The simulator
// runs everything synchronously but records each operation as a finished task, so
// GET /nodes/{node}/tasks/{upid}/status and /log answer like a real node.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dieError } from './pve-error.mjs';

const hex8 = (n) => n.toString(16).toUpperCase().padStart(8, '0');

function taskDir(sim) {
  return join(sim.stateDir, 'tasks');
}

function fileOf(sim, upid) {
  return join(taskDir(sim), `${Buffer.from(upid).toString('base64url')}.json`);
}

/**
 * Records a finished task and returns its UPID.
 * @param {{node: string, stateDir: string}} sim
 * @param {{type: string, id: string, log: string[], error?: string}} task
 */
export function recordTask(sim, task) {
  const starttime = Math.floor(Date.now() / 1000);
  const pstart = Math.floor(process.uptime() * 100);
  const upid = `UPID:${sim.node}:${hex8(process.pid)}:${hex8(pstart)}:${hex8(starttime)}:${task.type}:${task.id}:root@pam:`;
  mkdirSync(taskDir(sim), { recursive: true });
  const status = {
    upid,
    node: sim.node,
    pid: process.pid,
    pstart,
    starttime,
    type: task.type,
    id: task.id,
    user: 'root@pam',
    status: 'stopped',
    exitstatus: task.error ? task.error.trim() : 'OK',
  };
  const log = [...task.log, task.error ? `TASK ERROR: ${task.error.trim()}` : 'TASK OK'];
  writeFileSync(fileOf(sim, upid), JSON.stringify({ status, log }));
  return upid;
}

function readTask(sim, upid) {
  const file = fileOf(sim, upid);
  if (!existsSync(file)) throw dieError(`unable to parse worker upid '${upid}'`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function taskStatus(sim, upid) {
  return readTask(sim, upid).status;
}

export function taskLog(sim, upid, start = 0, limit = 50) {
  return readTask(sim, upid)
    .log.map((t, i) => ({ n: i + 1, t }))
    .slice(start, start + limit);
}
