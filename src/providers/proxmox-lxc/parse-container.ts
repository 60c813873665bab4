import { z } from 'zod';
import { parsePveAnswer, pveNumber } from './pve-answer.js';

/** A container's state from `pvesh get /nodes/{node}/lxc/{vmid}/status/current`. */
export interface ContainerState {
  status: 'running' | 'stopped';
  name?: string;
  uptimeSeconds: number;
  memoryBytes?: number;
  maxMemoryBytes?: number;
  cpus?: number;
  /** CPU in use, in percent of one core (docker's measure): Proxmox's `cpu` share times `cpus`. */
  cpuPercent?: number;
  lock?: string;
}

/** One snapshot of a container (the `current` pseudo-entry is left out). */
export interface SnapshotInfo {
  name: string;
  description?: string;
  /** Unix seconds. */
  snaptime?: number;
  parent?: string;
}

const statusSchema = z.object({
  status: z.enum(['running', 'stopped']),
  name: z.string().optional(),
  uptime: pveNumber.optional(),
  mem: pveNumber.optional(),
  maxmem: pveNumber.optional(),
  cpus: pveNumber.optional(),
  cpu: pveNumber.optional(),
  lock: z.string().optional(),
});

export function parseContainerState(stdout: string): ContainerState {
  const s = parsePveAnswer(statusSchema, stdout, 'the container status');
  return {
    status: s.status,
    uptimeSeconds: s.uptime ?? 0,
    ...(s.name !== undefined ? { name: s.name } : {}),
    // A stopped container reports 0 bytes in use; that is no measurement.
    ...(s.mem !== undefined && s.status === 'running' ? { memoryBytes: s.mem } : {}),
    ...(s.maxmem !== undefined ? { maxMemoryBytes: s.maxmem } : {}),
    ...(s.cpus !== undefined ? { cpus: s.cpus } : {}),
    ...(s.cpu !== undefined && s.cpus !== undefined && s.status === 'running' ? { cpuPercent: Math.round(s.cpu * s.cpus * 1000) / 10 } : {}),
    ...(s.lock !== undefined ? { lock: s.lock } : {}),
  };
}

// pct and pvesh both die with this text when the container's config file is not on this node.
const MISSING = /Configuration file '[^']*\/lxc\/\d+\.conf' does not exist/;

/** True when pct/pvesh failed because the container does not exist (on this node). */
export function isMissingContainer(stderr: string): boolean {
  return MISSING.test(stderr);
}

const snapshotSchema = z.array(
  z.object({ name: z.string(), description: z.string().optional(), snaptime: pveNumber.optional(), parent: z.string().optional() }),
);

/** `pvesh get /nodes/{node}/lxc/{vmid}/snapshot`, oldest first as PVE lists them. */
export function parseSnapshots(stdout: string): SnapshotInfo[] {
  return parsePveAnswer(snapshotSchema, stdout, 'the snapshot list')
    .filter((s) => s.name !== 'current')
    .map((s) => ({
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      ...(s.snaptime !== undefined ? { snaptime: s.snaptime } : {}),
      ...(s.parent ? { parent: s.parent } : {}),
    }));
}

const interfacesSchema = z.array(
  z.object({
    name: z.string(),
    'ip-addresses': z.array(z.object({ 'ip-address': z.string().optional(), 'ip-address-type': z.string().optional() })).optional(),
  }),
);

/** The first IPv4 address of `eth0` (else of any interface but `lo`) from `…/lxc/{vmid}/interfaces`. */
export function parseGuestIpv4(stdout: string): string | undefined {
  const interfaces = parsePveAnswer(interfacesSchema, stdout, 'the container interfaces').filter((i) => i.name !== 'lo');
  const ordered = [...interfaces.filter((i) => i.name === 'eth0'), ...interfaces.filter((i) => i.name !== 'eth0')];
  for (const iface of ordered) {
    const address = iface['ip-addresses']?.find((a) => a['ip-address-type'] === 'inet' && a['ip-address'])?.['ip-address'];
    if (address) return address;
  }
  return undefined;
}

const configSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** `pvesh get /nodes/{node}/lxc/{vmid}/config` as key → value text. */
export function parseContainerConfig(stdout: string): Record<string, string> {
  const config = parsePveAnswer(configSchema, stdout, 'the container config');
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
}

/** Host directories bind-mounted into the container (`mpN` whose volume is an absolute path). */
export function bindMountsOf(config: Record<string, string>): { key: string; hostPath: string; guestPath: string; readOnly: boolean }[] {
  return Object.keys(config)
    .filter((key) => /^mp\d+$/.test(key))
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))
    .flatMap((key) => {
      const parts = (config[key] ?? '').split(',');
      const volume = (parts[0] ?? '').replace(/^volume=/, '');
      if (!volume.startsWith('/')) return [];
      const option = (name: string) => parts.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
      return [{ key, hostPath: volume, guestPath: option('mp') ?? '', readOnly: option('ro') === '1' }];
    });
}
