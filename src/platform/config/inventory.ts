import { stringify } from 'yaml';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import { readYamlFile } from './yaml-file.js';
import { UserError } from '../errors.js';
import { hostAddress, identityFile, jumpSpec, posixUser, tag } from './host-fields.js';
import { showCommand } from '../show-command.js';

/** The built-in host that runs commands on this machine without SSH. */
export const LOCAL_HOST_NAME = 'local';

const hostName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'a host name is letters, digits and inner hyphens, at most 63 characters')
  .refine((name) => name !== LOCAL_HOST_NAME, `"${LOCAL_HOST_NAME}" is the built-in host for this machine; pick another name`);

/** One SSH host in the inventory. `address` may be an IP, a DNS name or an `~/.ssh/config` alias. */
export const hostSchema = z.strictObject({
  name: hostName,
  address: hostAddress,
  port: z.number().int().min(1).max(65535).optional(),
  user: posixUser.optional(),
  identityFile: identityFile.optional(),
  /** Another inventory host's name, or `[user@]host[:port]`, to reach this one through (ProxyJump). */
  jump: jumpSpec.optional(),
  tags: z.array(tag).default([]),
  /** Folders whose disk the dashboard and status watch besides the deployments' own data (a media disk). */
  dataPaths: z.array(z.string().regex(/^\//, 'an absolute path (starting with /)').max(4096)).max(32).optional(),
  /**
   * The managed reverse proxy for this host's deployments with a domain: the Caddy homelab-tui runs on
   * another inventory host (`host`), which reaches this one at `upstream` (default: this host's
   * address as this machine resolves it). Overrides compose.proxy.kind and proxmoxLxc.proxy.kind.
   */
  proxy: z
    .strictObject({
      host: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'an inventory host name'),
      upstream: z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'an IPv4 address or a DNS name the proxy host reaches this host at').optional(),
    })
    .optional(),
});

export type Host = z.output<typeof hostSchema>;

export const inventorySchema = z
  .strictObject({ hosts: z.array(hostSchema).default([]) })
  .superRefine((inventory, ctx) => {
    const seen = new Set<string>();
    inventory.hosts.forEach((host, index) => {
      if (seen.has(host.name)) {
        ctx.addIssue({ code: 'custom', path: ['hosts', index, 'name'], message: 'a host name used twice', params: { hint: 'each host needs its own name' } });
      }
      seen.add(host.name);
    });
    inventory.hosts.forEach((host, index) => {
      const proxy = host.proxy?.host;
      if (proxy === undefined || proxy === LOCAL_HOST_NAME || inventory.hosts.some((h) => h.name === proxy && h.name !== host.name)) return;
      const message = proxy === host.name ? 'a host cannot be its own proxy host (leave proxy out: the provider\'s proxy settings then serve it on the host itself)' : 'no host of that name in the inventory';
      ctx.addIssue({ code: 'custom', path: ['hosts', index, 'proxy', 'host'], message, params: { hint: 'proxy.host names another host of hosts.yaml, which runs the managed Caddy' } });
    });
  });

export type Inventory = z.output<typeof inventorySchema>;

/** A host as the rest of the program sees it: the inventory's hosts plus the built-in `local`. */
export type KnownHost = { kind: 'local'; name: typeof LOCAL_HOST_NAME; tags: string[] } | ({ kind: 'ssh' } & Host);

export const localHost: KnownHost = { kind: 'local', name: LOCAL_HOST_NAME, tags: [] };

/** Reads `hosts.yaml` (absent means empty) and validates it. */
export async function loadInventory(file: string): Promise<Inventory> {
  return (await readYamlFile(file, inventorySchema)) ?? { hosts: [] };
}

/** Every host, `local` first. */
export function allHosts(inventory: Inventory): KnownHost[] {
  return [localHost, ...inventory.hosts.map((host) => ({ kind: 'ssh' as const, ...host }))];
}

export function findHost(inventory: Inventory, name: string): KnownHost {
  const host = allHosts(inventory).find((h) => h.name === name);
  if (!host) {
    const names = allHosts(inventory).map((h) => h.name).join(', ');
    throw new UserError(`no host named "${name}"`, `known hosts: ${names}; add one with: ${showCommand(['homelab-tui', 'hosts', 'add', name])} --address ADDRESS`);
  }
  return host;
}

/** Returns a new inventory with `host` added; refuses a duplicate name. */
export function addHost(inventory: Inventory, input: unknown): Inventory {
  const parsed = hostSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'tags' ? 'tag' : issue?.path.join('.') || 'host';
    const hint = issue?.code === 'custom' && typeof issue.params?.hint === 'string' ? issue.params.hint : undefined;
    throw new UserError(`invalid host ${field}: ${issue?.message ?? 'invalid'}`, hint);
  }
  if (inventory.hosts.some((h) => h.name === parsed.data.name)) {
    throw new UserError(`a host named "${parsed.data.name}" already exists`, 'remove it first or choose another name');
  }
  return { hosts: [...inventory.hosts, parsed.data] };
}

/**
 * Returns a new inventory where host `name` is replaced by `input` (which may rename it), in its place;
 * what the input does not set (identity file, jump, tags, data paths) is kept from the old entry.
 */
export function replaceHost(inventory: Inventory, name: string, input: Partial<Host>): Inventory {
  const index = inventory.hosts.findIndex((h) => h.name === name);
  if (index < 0) throw new UserError(`no host named "${name}" in the inventory`);
  const old = inventory.hosts[index] as Host;
  const { port: _port, user: _user, ...kept } = old;
  const others = { hosts: inventory.hosts.filter((h) => h.name !== name) };
  const next = addHost(others, { ...kept, ...input });
  const added = next.hosts[next.hosts.length - 1] as Host;
  return { hosts: inventory.hosts.map((h, i) => (i === index ? added : h)) };
}

export function removeHost(inventory: Inventory, name: string): Inventory {
  if (name === LOCAL_HOST_NAME) throw new UserError('the built-in host "local" cannot be removed');
  if (!inventory.hosts.some((h) => h.name === name)) throw new UserError(`no host named "${name}" in the inventory`);
  return { hosts: inventory.hosts.filter((h) => h.name !== name) };
}

/** Writes the inventory atomically; it may name identity files, so it is private to the user. */
export async function saveInventory(file: string, inventory: Inventory): Promise<void> {
  const hosts = inventory.hosts.map((h) => Object.fromEntries(Object.entries(h).filter(([k, v]) => !(k === 'tags' && Array.isArray(v) && v.length === 0))));
  await writeFileAtomic(file, `# homelab-tui hosts inventory\n${stringify({ hosts })}`, 0o600);
}
