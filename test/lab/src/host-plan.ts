// Which hosts a lab has and where they live. Host i gets <net>.i.0/24 with the root side at .1 and
// the host at .2; the pve guests and the jump link get their own /24s high in the range.
import type { LabRole } from '../../support/lab-manifest.js';
import type { LabSettings } from './lab-settings.js';

export interface PlannedHost {
  name: string;
  alias: string;
  roles: LabRole[];
  netns: string;
  address: string;
  /** Root-side veth and its address; absent for the host behind the jump host. */
  rootVeth?: string;
  rootAddress?: string;
  /** For "behind": the jump host and the link between them. */
  jump?: { host: string; device: string; address: string };
  dataDiskBytes?: number;
}

export const GUEST_OCTET = 200;
export const JUMP_LINK_OCTET = 201;
/** The proxy host's links: to the docker host, and to the pve host (its guests routed through it). */
export const PROXY_LINK_OCTETS = { docker: 252, pve: 253 } as const;
const FIXED: { name: string; roles: LabRole[]; index: number; dataDiskBytes?: number }[] = [
  { name: 'docker', roles: ['docker'], index: 1 },
  { name: 'podman', roles: ['podman'], index: 2 },
  { name: 'pve', roles: ['pve'], index: 3 },
  { name: 'db', roles: ['db'], index: 4 },
  { name: 'bare', roles: ['bare', 'proxy'], index: 5, dataDiskBytes: 64 * 1024 * 1024 },
  { name: 'jump', roles: ['jump'], index: 6 },
  { name: 'k3s', roles: ['k3s'], index: 7 },
];
const FLEET_FIRST_INDEX = 11;

export function planHosts(s: LabSettings): PlannedHost[] {
  const direct = (name: string, roles: LabRole[], index: number, dataDiskBytes?: number): PlannedHost => ({
    name,
    alias: `${s.prefix}-${name}`,
    roles,
    netns: `${s.prefix}-${name}`,
    address: `${s.net}.${index}.2`,
    rootVeth: `${s.prefix}v${index}`,
    rootAddress: `${s.net}.${index}.1`,
    ...(dataDiskBytes ? { dataDiskBytes } : {}),
  });
  const hosts = FIXED.map((h) => direct(h.name, h.roles, h.index, h.dataDiskBytes));
  hosts.push({
    name: 'behind',
    alias: `${s.prefix}-behind`,
    roles: ['behind'],
    netns: `${s.prefix}-behind`,
    address: `${s.net}.${JUMP_LINK_OCTET}.2`,
    jump: { host: 'jump', device: 'behind0', address: `${s.net}.${JUMP_LINK_OCTET}.1` },
  });
  for (let i = 1; i <= s.extraHosts; i += 1) {
    hosts.push(direct(`fleet-${String(i).padStart(2, '0')}`, ['fleet'], FLEET_FIRST_INDEX + i - 1));
  }
  return hosts;
}
