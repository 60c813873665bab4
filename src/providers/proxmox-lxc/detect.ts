import type { HostFacts } from '../../platform/hosts/host-facts.js';
import { detectionOf, type HostDetection, type Support } from '../provider.js';

/** A Proxmox VE node this login may run pct on, or why not. */
export function detectProxmoxLxc(facts: HostFacts): Support {
  if (!facts.tools.pct || !facts.tools.pvesh) return { ok: false, reason: 'not a Proxmox VE node: no pct or pvesh on this host' };
  if (!facts.user.isRoot && facts.user.passwordlessSudo !== true) return { ok: false, reason: `pct needs root: log in as root, or give ${facts.user.name} passwordless sudo` };
  return { ok: true, detail: `Proxmox VE ${facts.proxmoxVersion ?? ''}`.trim() };
}

/** A container's root disk comes from the node's storage; the node's `/` is shown beside it (preflight checks the storage itself). */
export const proxmoxLxcDetection: HostDetection = { ...detectionOf(detectProxmoxLxc), diskFree: (facts) => facts.disk };
