import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { showCommand } from '../../platform/show-command.js';
import { discoverComposeProjects, enginesOf } from '../../providers/compose/discover.js';
import { discoverLxcContainers } from '../../providers/proxmox-lxc/discover.js';
import { discoverK3sWorkloads } from '../../providers/k3s/discover.js';
import type { HostHandle } from '../lifecycle/host-access.js';

/** Something running on a host that homelab-tui has no record of: listed as `unmanaged`, adoptable. */
export interface UnmanagedWorkload {
  /** The name `adopt` takes: the compose project, the container's hostname. */
  name: string;
  provider: ProviderId;
  /** In words: "compose project (docker): 1/1 running, local/labapp:1", "LXC CT 120 (running)". */
  summary: string;
  /** The command that adopts it (or why it cannot be yet). */
  hint: string;
}

/**
 * What runs on the host with no record: compose projects on each engine the host has, the
 * containers of a Proxmox node, and a k3s cluster's workloads outside its system namespaces. Reads only; nothing on the host changes. A part that does not answer
 * gives nothing (discovery never fails a status).
 */
export async function discoverUnmanaged(handle: HostHandle, records: readonly DeploymentRecord[]): Promise<UnmanagedWorkload[]> {
  const facts = handle.facts ? await handle.facts().catch(() => undefined) : undefined;
  if (!facts) return [];
  const found: UnmanagedWorkload[] = [];
  const engines = enginesOf(facts);
  if (engines.length > 0) {
    for (const p of await discoverComposeProjects(handle.runner, engines, records)) {
      found.push({
        name: p.project,
        provider: 'compose',
        summary: `compose project (${p.engine}): ${p.running}/${p.total} running, ${p.images.join(', ')}${p.workingDir ? `, in ${p.workingDir}` : ''}`,
        hint: `adopt it: ${showCommand(['homelab-tui', 'adopt', p.project, '--host', handle.name])}`,
      });
    }
  }
  if (facts.tools.pvesh !== undefined) {
    for (const ct of await discoverLxcContainers(handle.runner, records)) {
      found.push({
        name: ct.name,
        provider: 'proxmox-lxc',
        summary: `LXC CT ${ct.vmid} (${ct.status})${ct.tags.length ? `, tags ${ct.tags.join(', ')}` : ''}`,
        hint: 'adopting an LXC container is not in this version: homelab-tui lists it so nothing runs unseen',
      });
    }
  }
  if (facts.tools.k3s !== undefined || facts.tools.kubectl !== undefined) {
    for (const w of await discoverK3sWorkloads(handle.runner)) {
      found.push({
        name: `${w.namespace}/${w.name}`,
        provider: 'k3s',
        summary: `k3s ${w.kind} (${w.ready}/${w.replicas} ready)${w.images.length ? `, ${w.images.join(', ')}` : ''}`,
        hint: 'adopting a k3s workload is not in this version: homelab-tui lists it so nothing runs unseen',
      });
    }
  }
  return found;
}
