// `lab:down`: stops what the lab started (by recorded PID only), removes its namespaces, veths,
// routes, cgroups and any firewall table Docker/Podman added to the root namespace, puts IP
// forwarding back, then checks that nothing is left.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inHost } from './host-anchor.js';
import { loadState, type LabState, type ProcessRecord } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { netnsExists, nftTables, readIpForward, removeNetworks } from './network.js';
import { isAlive, signalIfThere, stopProcess } from './processes.js';
import { attempt, sleep } from './shell.js';

const ENGINE_TABLES = /^table (ip|ip6|inet) (filter|nat|mangle|raw|netavark|docker.*)$/;

async function stopContainersGracefully(s: LabSettings, state: LabState): Promise<void> {
  const anchor = state.processes.find((p) => p.name === 'anchor' && p.host === 'pve');
  const lxcPath = join(s.stateDir, 'hosts', 'pve', 'lxc');
  if (anchor && isAlive(anchor) && existsSync(lxcPath)) {
    const ns = inHost(anchor);
    for (const vmid of readdirSync(lxcPath)) attempt(ns[0] as string, [...ns.slice(1), 'lxc-stop', '-P', lxcPath, '-n', vmid, '-k']);
  }
  // dockerd stops its containers on SIGTERM; the databases flush and exit.
  const daemons = state.processes.filter((p) => ['dockerd', 'postgres', 'mariadbd'].includes(p.name));
  await Promise.all(daemons.map((p) => stopProcess(p, 15_000)));
}

function removeCgroupTree(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeCgroupTree(join(dir, entry.name));
  try {
    rmdirSync(dir);
  } catch {
    // a cgroup with a live process stays; the final check reports it
  }
}

function cgroupLeftovers(state: LabState): string[] {
  const left: string[] = [];
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    for (const dir of state.cgroupDirs) {
      const path = join('/sys/fs/cgroup', controller, dir);
      removeCgroupTree(path);
      if (existsSync(path)) left.push(path);
    }
  }
  return left;
}

/** What is still there after a teardown (empty when clean). */
export function leftovers(state: LabState, alive: ProcessRecord[]): string[] {
  const problems: string[] = [];
  for (const ns of state.namespaces) if (netnsExists(ns)) problems.push(`namespace ${ns}`);
  for (const link of state.rootLinks) if (existsSync(`/sys/class/net/${link}`)) problems.push(`link ${link}`);
  for (const p of alive) problems.push(`process ${p.name} on ${p.host} (PID ${p.pid})`);
  const forward = readIpForward();
  if (state.ipForwardBefore !== undefined && forward !== state.ipForwardBefore) problems.push(`ip_forward is ${forward}, was ${state.ipForwardBefore}`);
  const newTables = nftTables().filter((t) => !(state.nftTablesBefore ?? []).includes(t));
  for (const t of newTables) problems.push(`nft ${t}`);
  return problems;
}

export async function labDown(s: LabSettings): Promise<string[]> {
  const state = loadState(s.stateDir);
  if (!state) {
    console.log(`lab '${s.prefix}' is not up (no ${join(s.stateDir, 'state.json')})`);
    return [];
  }
  await stopContainersGracefully(s, state);
  // Killing a host's anchor (PID 1 of its PID namespace) ends every process of that host.
  const anchors = state.processes.filter((p) => p.name === 'anchor');
  for (const a of anchors) if (isAlive(a)) signalIfThere(a.pid, 'SIGKILL');
  await Promise.all(state.processes.map((p) => stopProcess(p, 3_000)));
  for (let i = 0; i < 50 && state.processes.some(isAlive); i += 1) await sleep(100);

  removeNetworks(state);
  const cgroups = cgroupLeftovers(state);
  for (const table of nftTables().filter((t) => !(state.nftTablesBefore ?? []).includes(t) && ENGINE_TABLES.test(t))) {
    attempt('nft', ['delete', ...table.split(' ')]);
  }
  if (state.ipForwardBefore !== undefined) attempt('sysctl', ['-qw', `net.ipv4.ip_forward=${state.ipForwardBefore}`]);
  // Namespaces and veths go away asynchronously once their last user is gone.
  for (let i = 0; i < 50 && leftovers(state, []).length > 0; i += 1) await sleep(100);

  const problems = [...leftovers(state, state.processes.filter(isAlive)), ...cgroups.map((c) => `cgroup ${c}`)];
  if (problems.length === 0) {
    rmSync(s.stateDir, { recursive: true, force: true });
    console.log(`lab '${s.prefix}' is down: no namespaces, links, routes, processes or firewall tables left; ip_forward ${readIpForward()}`);
  } else {
    console.error(`lab '${s.prefix}' teardown left:\n  ${problems.join('\n  ')}`);
  }
  return problems;
}
