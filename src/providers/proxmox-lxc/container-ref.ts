import { z } from 'zod';
import type { HealthProbe } from '../../platform/recipe/render/rendered.js';
import type { DeploymentRecord, RecordProbe } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { readNodeName } from './node-facts.js';

/** Where a deployment's container is and what runs in it, as the install recorded it. */
export interface ContainerRef {
  vmid: number;
  node: string;
  hostname: string;
  /** The static address, or `dhcp`. */
  address: string;
  /** The boot service's name (its unit, init script and log file). */
  service: string;
  template?: string;
  /** The Debian package the app comes from. */
  package?: string;
  probe?: HealthProbe;
}

/** The proxmox-lxc provider's part of a deployment record (the registry checks records with it). */
export const lxcRefsSchema = z.object({
  vmid: z.coerce.number().int().min(100),
  node: z.string().min(1),
  hostname: z.string().min(1),
  address: z.string().min(1),
  service: z.string().min(1),
  template: z.string().optional(),
  package: z.string().optional(),
  /** The managed reverse proxy serving it (`caddy` on the node), its configuration directory and this deployment's site file. */
  proxy: z.literal('caddy').optional(),
  proxyDir: z.string().min(1).optional(),
  proxySite: z.string().min(1).optional(),
  /** The inventory host that runs that Caddy, when it is not this deployment's host (hosts.yaml `proxy`). */
  proxyHost: z.string().min(1).optional(),
});

/** The record's probe (`address` is the guest's, or `dhcp`) for a given service. */
export function recordProbe(probe: HealthProbe, address: string): RecordProbe {
  if (probe.kind === 'tcp') return { kind: 'tcp', address, port: probe.port };
  return { kind: 'http', address, port: probe.port, path: probe.path, expectStatus: probe.expectStatus, ...(probe.bodyContains !== undefined ? { bodyContains: probe.bodyContains } : {}) };
}

/** The container of a proxmox-lxc deployment, from its record. */
export function containerRef(record: DeploymentRecord): ContainerRef {
  const parsed = lxcRefsSchema.safeParse(record.refs);
  if (!parsed.success) {
    throw new UserError(`the record of "${record.name}" does not say which container it is (${parsed.error.issues[0]?.path.join('.') ?? 'refs'})`, 'was it installed with another provider? see: homelab-tui status --json');
  }
  const r = parsed.data;
  const p = record.probe;
  const probe: HealthProbe | undefined =
    p?.kind === 'tcp'
      ? { kind: 'tcp', service: r.service, port: p.port }
      : p?.kind === 'http'
        ? { kind: 'http', service: r.service, port: p.port, path: p.path, expectStatus: p.expectStatus, ...(p.bodyContains !== undefined ? { bodyContains: p.bodyContains } : {}) }
        : undefined;
  return { vmid: r.vmid, node: r.node, hostname: r.hostname, address: r.address, service: r.service, ...(r.template ? { template: r.template } : {}), ...(r.package ? { package: r.package } : {}), ...(probe ? { probe } : {}) };
}

/** pct acts on the node it runs on only: refuse early, with the node that has the container. */
export async function ensureOnThisNode(runner: CommandRunner, ref: ContainerRef, deployment: string): Promise<void> {
  const node = await readNodeName(runner);
  if (node !== ref.node) {
    throw new UserError(`CT ${ref.vmid} of "${deployment}" is on node ${ref.node}, but ${runner.host} is node ${node}`, `add ${ref.node} to the inventory and run this against it`);
  }
}

/**
 * The deployment's container, on this node, for an action on it or on its one service: status and the
 * dashboard name that service after the container's hostname; the app's unit name is taken too. Any
 * other service is refused, naming the one it has (`hint`: what to type instead).
 */
export async function openContainer(runner: CommandRunner, record: DeploymentRecord, service: string | undefined, hint: (hostname: string) => string): Promise<ContainerRef> {
  const ref = containerRef(record);
  if (service !== undefined && service !== ref.hostname && service !== ref.service) {
    throw new UserError(`"${record.name}" has one service, its container ${ref.hostname}, not ${service}`, hint(ref.hostname));
  }
  await ensureOnThisNode(runner, ref, record.name);
  return ref;
}
