import { bindMountsOf } from '../parse-container.js';

/** What a container's config says about it, read-only: the answers an install would have given. */
export interface LxcFingerprint {
  vmid: number;
  hostname: string;
  cores?: number;
  memoryMiB?: number;
  swapMiB?: number;
  /** The root disk's size as PVE writes it (`8G`), and its storage. */
  disk?: string;
  storage?: string;
  network?: { bridge?: string; ip?: string; gateway?: string; vlan?: number };
  nameserver?: string;
  searchdomain?: string;
  mounts: { key: string; hostPath: string; guestPath: string; readOnly: boolean }[];
  /** community-scripts tag theirs `community-script` and the app's name. */
  tags: string[];
  description?: string;
  unprivileged: boolean;
}

/** `key=value,key=value` (net0, rootfs) to a map; a bare part (rootfs's volume) under `volume`. */
function options(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return at < 0 ? ['volume', part] : [part.slice(0, at), part.slice(at + 1)];
      }),
  );
}

const whole = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

/** A container's config (`pvesh get …/lxc/{vmid}/config`, as key → text) to its fingerprint (pure). */
export function lxcFingerprint(vmid: number, config: Record<string, string>): LxcFingerprint {
  const rootfs = config.rootfs ? options(config.rootfs) : undefined;
  const net = config.net0 ? options(config.net0) : undefined;
  const cores = whole(config.cores);
  const memoryMiB = whole(config.memory);
  const swapMiB = whole(config.swap);
  const vlan = whole(net?.tag);
  const storage = rootfs?.volume?.includes(':') ? rootfs.volume.slice(0, rootfs.volume.indexOf(':')) : undefined;
  return {
    vmid,
    hostname: config.hostname ?? `CT${vmid}`,
    ...(cores !== undefined ? { cores } : {}),
    ...(memoryMiB !== undefined ? { memoryMiB } : {}),
    ...(swapMiB !== undefined ? { swapMiB } : {}),
    ...(rootfs?.size ? { disk: rootfs.size } : {}),
    ...(storage ? { storage } : {}),
    ...(net
      ? { network: { ...(net.bridge ? { bridge: net.bridge } : {}), ...(net.ip ? { ip: net.ip } : {}), ...(net.gw ? { gateway: net.gw } : {}), ...(vlan !== undefined ? { vlan } : {}) } }
      : {}),
    ...(config.nameserver ? { nameserver: config.nameserver } : {}),
    ...(config.searchdomain ? { searchdomain: config.searchdomain } : {}),
    mounts: bindMountsOf(config),
    tags: (config.tags ?? '').split(/[;,\s]+/).filter(Boolean),
    ...(config.description ? { description: config.description } : {}),
    unprivileged: config.unprivileged === '1',
  };
}

/** What was read, in one line, for a message that cannot match it to a recipe. */
export function describeFingerprint(fp: LxcFingerprint): string {
  return [`CT ${fp.vmid} hostname ${fp.hostname}`, `tags ${fp.tags.join(', ') || 'none'}`, ...(fp.mounts.length ? [`mounts ${fp.mounts.map((m) => `${m.hostPath} at ${m.guestPath}`).join(', ')}`] : [])].join('; ');
}
