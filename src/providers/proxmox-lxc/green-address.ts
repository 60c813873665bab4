import { CommandError, tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { formatIpv4, parseCidr } from '../../platform/validation/network.js';
import { configHolders, probeAddress } from './address-checks.js';
import { parseClusterGuests } from './parse-node.js';
import { parseContainerConfig } from './parse-container.js';
import { pvePaths, pveshGet } from './pve-commands.js';

/** How many silent-looking addresses are asked on the bridge before giving up (one ping each, at most 1 s). */
const MAX_PROBES = 16;

/** Every static address any container of the cluster has in its config (one config read per container). */
async function addressesInConfigs(runner: CommandRunner, node: string): Promise<Set<string>> {
  const argv = pveshGet(pvePaths.clusterResources);
  const read = await runner.run({ argv, timeoutMs: 60_000 });
  if (read.exitCode !== 0) throw new CommandError(argv, read.exitCode, runner.host, tailOf(read.stderr));
  const containers = parseClusterGuests(read.stdout).filter((g) => g.type === 'lxc');
  const configs = await Promise.all(
    containers.map(async (guest) => {
      const configArgv = pveshGet(pvePaths.containerConfig(guest.node ?? node, guest.vmid));
      const result = await runner.run({ argv: configArgv, timeoutMs: 60_000 });
      // A container destroyed between the list and the read holds nothing.
      if (result.exitCode !== 0 && /does not exist/.test(result.stderr)) return {};
      if (result.exitCode !== 0) throw new CommandError(configArgv, result.exitCode, runner.host, tailOf(result.stderr || result.stdout));
      return parseContainerConfig(result.stdout);
    }),
  );
  const found = new Set<string>();
  for (const config of configs) {
    for (const key of Object.keys(config).filter((k) => /^net\d+$/.test(k))) {
      const ip = /(?:^|,)ip=([^,/]+)/.exec(config[key] ?? '')?.[1];
      if (ip && configHolders(config, ip, { vmid: 0, node }).length > 0) found.add(ip);
    }
  }
  return found;
}

/**
 * A free static address for the copy beside a container (blue-green), in the container's subnet: the
 * first after its own address (never the gateway, the network or the broadcast address) that no
 * container config holds and nothing answers on the bridge. Undefined when none is found.
 */
export async function freeAddressAfter(runner: CommandRunner, where: { node: string; ip: string; bridge: string; gateway?: string }): Promise<string | undefined> {
  const cidr = parseCidr(where.ip);
  if (!cidr.ok || cidr.value.prefix > 30) return undefined;
  const mask = (0xffffffff << (32 - cidr.value.prefix)) >>> 0;
  const broadcast = ((cidr.value.address & mask) | (~mask >>> 0)) >>> 0;
  const taken = await addressesInConfigs(runner, where.node);
  let probes = 0;
  for (let value = cidr.value.address + 1; value < broadcast && probes < MAX_PROBES; value++) {
    const candidate = formatIpv4(value);
    if (candidate === where.gateway || taken.has(candidate)) continue;
    probes++;
    const answer = await probeAddress(runner, candidate, where.bridge);
    if (answer.kind === 'silent' || answer.kind === 'unprobed') return `${candidate}/${cidr.value.prefix}`;
  }
  return undefined;
}
