import { z } from 'zod';
import { parsePveAnswer, pveFlag, pveNumber } from './pve-answer.js';

/** What a node can give a new container: cores and memory (PVE 8 has no `available`: free is used). */
export interface NodeCapacity {
  cores: number;
  memoryTotalBytes: number;
  memoryAvailableBytes: number;
}

/** A guest anywhere in the cluster; LXC and QEMU share one id space. */
export interface ClusterGuest {
  vmid: number;
  type: 'lxc' | 'qemu' | 'openvz';
  node?: string;
  name?: string;
  status?: string;
}

/** A storage as the node sees it, with its free space when it is active. */
export interface StorageInfo {
  id: string;
  type: string;
  content: string[];
  active: boolean;
  enabled: boolean;
  availBytes?: number;
  totalBytes?: number;
}

/** A bridge a container's network can attach to. */
export interface BridgeInfo {
  name: string;
  active: boolean;
  cidr?: string;
}

const nodeStatusSchema = z.object({
  cpuinfo: z.object({ cpus: pveNumber }),
  memory: z.object({ total: pveNumber, free: pveNumber, available: pveNumber.optional() }),
});

/** `pvesh get /nodes/{node}/status`. */
export function parseNodeStatus(stdout: string): NodeCapacity {
  const status = parsePveAnswer(nodeStatusSchema, stdout, 'the node status');
  return {
    cores: status.cpuinfo.cpus,
    memoryTotalBytes: status.memory.total,
    memoryAvailableBytes: status.memory.available ?? status.memory.free,
  };
}

const resourceSchema = z.array(
  z.object({ type: z.string(), vmid: pveNumber.optional(), node: z.string().optional(), name: z.string().optional(), status: z.string().optional() }),
);

/** The guests in `pvesh get /cluster/resources` (nodes, storages and pools are left out). */
export function parseClusterGuests(stdout: string): ClusterGuest[] {
  return parsePveAnswer(resourceSchema, stdout, 'the cluster resources').flatMap((r) =>
    (r.type === 'lxc' || r.type === 'qemu' || r.type === 'openvz') && r.vmid !== undefined
      ? [{ vmid: r.vmid, type: r.type, ...(r.node ? { node: r.node } : {}), ...(r.name ? { name: r.name } : {}), ...(r.status ? { status: r.status } : {}) }]
      : [],
  );
}

/** `pvesh get /cluster/nextid`: the lowest free id (a number, or a numeric string). */
export function parseNextId(stdout: string): number {
  return parsePveAnswer(pveNumber, stdout, 'the next free id');
}

const storageSchema = z.array(
  z.object({
    storage: z.string(),
    type: z.string(),
    content: z.string(),
    active: pveFlag.optional(),
    enabled: pveFlag.optional(),
    avail: pveNumber.optional(),
    total: pveNumber.optional(),
  }),
);

/** `pvesh get /nodes/{node}/storage`. An inactive storage has no sizes. */
export function parseStorages(stdout: string): StorageInfo[] {
  return parsePveAnswer(storageSchema, stdout, 'the storage list').map((s) => ({
    id: s.storage,
    type: s.type,
    content: s.content.split(',').filter(Boolean),
    // PVE leaves the flags out for storages that are simply on.
    active: s.active ?? true,
    enabled: s.enabled ?? true,
    ...(s.avail !== undefined ? { availBytes: s.avail } : {}),
    ...(s.total !== undefined ? { totalBytes: s.total } : {}),
  }));
}

const networkSchema = z.array(z.object({ iface: z.string(), type: z.string(), active: pveFlag.optional(), cidr: z.string().optional() }));

/** The Linux and Open vSwitch bridges in `pvesh get /nodes/{node}/network`. */
export function parseBridges(stdout: string): BridgeInfo[] {
  return parsePveAnswer(networkSchema, stdout, 'the node network')
    .filter((i) => i.type === 'bridge' || i.type === 'OVSBridge')
    .map((i) => ({ name: i.iface, active: i.active ?? false, ...(i.cidr ? { cidr: i.cidr } : {}) }));
}

const contentSchema = z.array(z.object({ volid: z.string(), content: z.string() }));

/** Template volume ids in `pvesh get /nodes/{node}/storage/{storage}/content --content vztmpl`. */
export function parseTemplates(stdout: string): string[] {
  return parsePveAnswer(contentSchema, stdout, 'the storage content')
    .filter((c) => c.content === 'vztmpl')
    .map((c) => c.volid);
}
