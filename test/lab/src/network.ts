// Namespaces, veths and routes. Namespaces get no default route, and an `unreachable` route covers
// the whole lab range in the root namespace, so lab traffic can never leave the machine.
import { existsSync } from 'node:fs';
import type { PlannedHost } from './host-plan.js';
import { GUEST_OCTET, PROXY_LINK_OCTETS } from './host-plan.js';
import type { LabState } from './lab-state.js';
import { remember, saveState } from './lab-state.js';
import type { LabSettings } from './lab-settings.js';
import { attempt, run } from './shell.js';

export const labRange = (s: LabSettings) => `${s.net}.0.0/16`;

export function netnsExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}

export function addSafetyRoute(s: LabSettings, state: LabState, stateDir: string): void {
  const route = ['unreachable', labRange(s)];
  run('ip', ['route', 'replace', ...route]);
  if (!state.routes.some((r) => r.join(' ') === route.join(' '))) state.routes.push(route);
  saveState(stateDir, state);
}

/** Creates a host's namespace and its link (to the root namespace, or to the jump host). */
export function createHostNetwork(host: PlannedHost, hostsByName: Map<string, PlannedHost>, state: LabState, stateDir: string): void {
  remember(stateDir, state, 'namespaces', host.netns);
  if (!netnsExists(host.netns)) run('ip', ['netns', 'add', host.netns]);
  run('ip', ['-n', host.netns, 'link', 'set', 'lo', 'up']);
  if (host.rootVeth && host.rootAddress) {
    remember(stateDir, state, 'rootLinks', host.rootVeth);
    run('ip', ['link', 'add', host.rootVeth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.netns]);
    run('ip', ['addr', 'add', `${host.rootAddress}/24`, 'dev', host.rootVeth]);
    run('ip', ['link', 'set', host.rootVeth, 'up']);
  } else if (host.jump) {
    const jump = hostsByName.get(host.jump.host);
    if (!jump) throw new Error(`jump host ${host.jump.host} is not planned`);
    run('ip', ['-n', jump.netns, 'link', 'add', host.jump.device, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.netns]);
    run('ip', ['-n', jump.netns, 'addr', 'add', `${host.jump.address}/24`, 'dev', host.jump.device]);
    run('ip', ['-n', jump.netns, 'link', 'set', host.jump.device, 'up']);
  }
  run('ip', ['-n', host.netns, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0']);
  run('ip', ['-n', host.netns, 'link', 'set', 'eth0', 'up']);
}

/** The pve host routes its guests' bridge: forwarding inside its namespace only, a route from root. */
export function routeGuestSubnet(s: LabSettings, pve: PlannedHost, state: LabState, stateDir: string): string {
  const subnet = `${s.net}.${GUEST_OCTET}.0/24`;
  run('ip', ['-n', pve.netns, 'link', 'add', 'vmbr0', 'type', 'bridge']);
  run('ip', ['-n', pve.netns, 'addr', 'add', `${s.net}.${GUEST_OCTET}.1/24`, 'dev', 'vmbr0']);
  run('ip', ['-n', pve.netns, 'link', 'set', 'vmbr0', 'up']);
  run('ip', ['netns', 'exec', pve.netns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  run('ip', ['route', 'replace', subnet, 'via', pve.address]);
  state.routes.push([subnet]);
  saveState(stateDir, state);
  return subnet;
}

/**
 * The proxy host's private links (a veth pair between two lab namespaces, a /30 on it): to the docker
 * host, and to the pve host with the guests' subnet routed through it (pve forwards in its namespace).
 * Only those namespaces change; deleting a namespace deletes its links. Returns the address the proxy
 * host reaches each linked host at.
 */
export function linkProxyHost(s: LabSettings, proxy: PlannedHost, linked: { docker: PlannedHost; pve: PlannedHost }): Record<string, string> {
  const upstreams: Record<string, string> = {};
  for (const [name, host] of Object.entries(linked)) {
    const octet = PROXY_LINK_OCTETS[name as keyof typeof PROXY_LINK_OCTETS];
    const here = `px-${name}`;
    run('ip', ['link', 'add', here, 'netns', proxy.netns, 'type', 'veth', 'peer', 'name', 'px-proxy', 'netns', host.netns]);
    run('ip', ['-n', proxy.netns, 'addr', 'add', `${s.net}.${octet}.1/30`, 'dev', here]);
    run('ip', ['-n', host.netns, 'addr', 'add', `${s.net}.${octet}.2/30`, 'dev', 'px-proxy']);
    run('ip', ['-n', proxy.netns, 'link', 'set', here, 'up']);
    run('ip', ['-n', host.netns, 'link', 'set', 'px-proxy', 'up']);
    upstreams[name] = `${s.net}.${octet}.2`;
  }
  run('ip', ['-n', proxy.netns, 'route', 'add', `${s.net}.${GUEST_OCTET}.0/24`, 'via', upstreams.pve as string]);
  return upstreams;
}

export function readIpForward(): string {
  return run('sysctl', ['-n', 'net.ipv4.ip_forward']).trim();
}

export function nftTables(): string[] {
  return run('nft', ['list', 'tables']).split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Removes routes, root veths and namespaces the state lists (each step tolerates "already gone"). */
export function removeNetworks(state: LabState): void {
  for (const route of [...state.routes].reverse()) attempt('ip', ['route', 'del', ...route]);
  for (const link of state.rootLinks) attempt('ip', ['link', 'del', link]);
  for (const ns of state.namespaces) if (netnsExists(ns)) attempt('ip', ['netns', 'del', ns]);
}
