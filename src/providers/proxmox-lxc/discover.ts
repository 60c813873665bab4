import { z } from 'zod';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { showCommand } from '../../platform/show-command.js';
import { pveshRead, readNodeName } from './node-facts.js';
import type { UnmanagedWorkload as Listed } from '../adoption.js';
import type { ProviderContext } from '../provider.js';

/** A container on the node that no homelab-tui record points at (made by hand, or by a community script). */
export interface UnmanagedContainer {
  vmid: number;
  name: string;
  status: string;
  /** The node's tags for it (community-scripts tag theirs `community-script`, and the app). */
  tags: string[];
}

const listed = z.array(z.looseObject({ vmid: z.coerce.number().int(), name: z.string().optional(), status: z.string().optional(), tags: z.string().optional() }));

/** `pvesh get /nodes/{node}/lxc` to the containers no record names (pure). */
export function unmanagedContainers(stdout: string, managed: ReadonlySet<number>): UnmanagedContainer[] {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return [];
  }
  const parsed = listed.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data
    .filter((ct) => !managed.has(ct.vmid))
    .sort((a, b) => a.vmid - b.vmid)
    .map((ct) => ({ vmid: ct.vmid, name: ct.name ?? `CT ${ct.vmid}`, status: ct.status ?? 'unknown', tags: (ct.tags ?? '').split(/[;,\s]+/).filter(Boolean) }));
}

/** The node's containers without a record; none when the node does not answer (discovery never fails a status). */
export async function discoverLxcContainers(runner: CommandRunner, records: readonly DeploymentRecord[]): Promise<UnmanagedContainer[]> {
  const managed = new Set(records.filter((r) => r.provider === 'proxmox-lxc').map((r) => Number(r.refs.vmid)));
  try {
    const node = await readNodeName(runner);
    return unmanagedContainers((await pveshRead(runner, `/nodes/${node}/lxc`)).stdout, managed);
  } catch {
    return [];
  }
}

/** A container as discovery lists it, with the command that adopts it. */
export function describeContainer(ct: UnmanagedContainer, hostName: string): Listed {
  return {
    name: ct.name,
    provider: 'proxmox-lxc',
    summary: `LXC CT ${ct.vmid} (${ct.status})${ct.tags.length ? `, tags ${ct.tags.join(', ')}` : ''}`,
    hint: `adopt it: ${showCommand(['homelab-tui', 'adopt', ct.name, '--host', hostName])} (add --app APP when no tag or hostname names the app)`,
  };
}

/** The LXC provider's part of discovery: the node's containers no record names. */
export async function discoverLxc(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<Listed[]> {
  return (await discoverLxcContainers(ctx.runner, records)).map((ct) => describeContainer(ct, ctx.hostName));
}
