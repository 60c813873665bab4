import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { parseCidr, parseIpv4 } from '../../platform/validation/network.js';
import type { PreflightItem } from '../provider.js';
import { addressOf } from './guest-probe.js';
import type { ClusterGuest } from './parse-node.js';
import { parseContainerConfig } from './parse-container.js';
import { pvePaths, pveshGet } from './pve-commands.js';

/** The answer a static address comes from (named in refusals, as other bad answers are). */
export const ADDRESS_FIELD = 'lxc_ip';

/** A container whose config gives it the address. */
export interface ConfigHolder {
  vmid: number;
  node: string;
  hostname?: string;
  /** Which interface: net0, net1, … */
  key: string;
  hwaddr?: string;
}

/** What the node saw when it asked for the address on the bridge. */
export type AddressAnswer =
  | { kind: 'silent' }
  | { kind: 'node' }
  | { kind: 'answered'; mac?: string }
  | { kind: 'unprobed'; reason: string };

/** `name=eth0,bridge=vmbr0,ip=10.0.0.5/24,hwaddr=…` → its fields. */
function netFields(value: string): Record<string, string> {
  return Object.fromEntries(value.split(',').flatMap((part) => (part.includes('=') ? [[part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]] : [])));
}

/** The interfaces of one container config (key → value text) that hold `address` statically. */
export function configHolders(config: Record<string, string>, address: string, guest: { vmid: number; node: string }): ConfigHolder[] {
  return Object.keys(config)
    .filter((key) => /^net\d+$/.test(key))
    .flatMap((key) => {
      const net = netFields(config[key] ?? '');
      if (!net.ip || net.ip === 'dhcp' || net.ip === 'manual' || addressOf(net.ip) !== address) return [];
      return [{ vmid: guest.vmid, node: guest.node, key, ...(config.hostname ? { hostname: config.hostname } : {}), ...(net.hwaddr ? { hwaddr: net.hwaddr.toLowerCase() } : {}) }];
    });
}

/** The MAC address of a container's interface that holds `address` (from its config), lower case. */
export function macFor(config: Record<string, string>, address: string, vmid: number, node: string): string | undefined {
  return configHolders(config, address, { vmid, node })[0]?.hwaddr;
}

const READ_TIMEOUT_MS = 60_000;

/** Reads the config of every container in the cluster (but `except`) and returns those holding the address. */
export async function findConfigHolders(runner: CommandRunner, guests: readonly ClusterGuest[], node: string, address: string, except?: number): Promise<ConfigHolder[]> {
  const containers = guests.filter((g) => g.type === 'lxc' && g.vmid !== except);
  const found = await Promise.all(
    containers.map(async (guest) => {
      const where = { vmid: guest.vmid, node: guest.node ?? node };
      const argv = pveshGet(pvePaths.containerConfig(where.node, where.vmid));
      const result = await runner.run({ argv, timeoutMs: READ_TIMEOUT_MS });
      // A container destroyed between the list and the read holds nothing.
      if (result.exitCode !== 0 && /does not exist/.test(result.stderr)) return [];
      if (result.exitCode !== 0) throw new CommandError(argv, result.exitCode, runner.host, tailOf(result.stderr || result.stdout));
      return configHolders(parseContainerConfig(result.stdout), address, where);
    }),
  );
  return found.flat();
}

/**
 * Asks for the address on the bridge from the node: the node's own addresses first, then the
 * neighbour entry is dropped (an old one would name a machine long gone), one ping sent, and the
 * neighbour entry read back. An ARP answer counts even when the ping is filtered. Prints `node`,
 * `reply`, and the `ip neigh` line.
 */
export const ADDRESS_PROBE_SCRIPT = [
  'a=$1; br=$2',
  'if ip -o -4 addr show | grep -qF " inet $a/"; then echo node; exit 0; fi',
  'command -v ping >/dev/null 2>&1 || { echo no-ping; exit 0; }',
  'ip neigh flush to "$a" dev "$br" 2>/dev/null',
  'if ping -c 1 -W 1 -I "$br" "$a" >/dev/null 2>&1; then echo reply; fi',
  'ip neigh show to "$a" dev "$br"',
].join('\n');

export function addressProbeArgv(address: string, bridge: string): string[] {
  return ['sh', '-c', ADDRESS_PROBE_SCRIPT, 'sh', address, bridge];
}

/** What the probe printed → who answered. */
export function parseAddressProbe(stdout: string): AddressAnswer {
  const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.includes('node')) return { kind: 'node' };
  if (lines.includes('no-ping')) return { kind: 'unprobed', reason: 'the node has no ping' };
  const neigh = lines.find((l) => / lladdr /.test(l) && !/\b(FAILED|INCOMPLETE)\b/.test(l));
  const mac = neigh?.match(/ lladdr ([0-9a-fA-F:]{17})/)?.[1]?.toLowerCase();
  if (mac) return { kind: 'answered', mac };
  if (lines.includes('reply')) return { kind: 'answered' };
  return { kind: 'silent' };
}

/** Runs the probe on the node. A node that cannot probe says why (no ping, the script failed). */
export async function probeAddress(runner: CommandRunner, address: string, bridge: string, signal?: AbortSignal): Promise<AddressAnswer> {
  const result = await runner.run({ argv: addressProbeArgv(address, bridge), timeoutMs: 15_000, ...(signal ? { signal } : {}) });
  if (result.exitCode !== 0) return { kind: 'unprobed', reason: tailOf(result.stderr, 1) || `the probe exited ${result.exitCode}` };
  return parseAddressProbe(result.stdout);
}

function who(holder: ConfigHolder): string {
  return `CT ${holder.vmid}${holder.hostname ? ` (${holder.hostname})` : ''} on ${holder.node}, ${holder.key}`;
}

/** The refusal (or the all-clear) for a static address, as one preflight item naming who has it. */
export function judgeAddress(address: string, bridge: string, holders: readonly ConfigHolder[], answer: AddressAnswer): PreflightItem {
  const label = `Address ${address} (${ADDRESS_FIELD})`;
  const hint = `choose a free address (${ADDRESS_FIELD}), or dhcp`;
  if (holders.length > 0) {
    return { status: 'fail', field: ADDRESS_FIELD, label, detail: `already in use: it is in the config of ${holders.map(who).join('; ')}`, hint };
  }
  if (answer.kind === 'node') return { status: 'fail', field: ADDRESS_FIELD, label, detail: `already in use: it is an address of the node itself`, hint };
  if (answer.kind === 'answered') {
    return { status: 'fail', field: ADDRESS_FIELD, label, detail: `already in use: something answers on the bridge ${bridge}${answer.mac ? ` with MAC ${answer.mac}` : ''} (no container config has it)`, hint };
  }
  if (answer.kind === 'unprobed') return { status: 'warn', label, detail: `in no container config, but not probed on ${bridge}: ${answer.reason}`, hint: 'make sure nothing else on the network uses it' };
  return { status: 'ok', label, detail: `free: in no container config, and nothing answers on ${bridge}` };
}

/**
 * Why the node cannot ask for `address` on the bridge (its ping would not go out there): the node has
 * no address on the bridge (`null`), or one in another subnet. Undefined: it can (or it is not known).
 */
export function whyNotProbed(address: string, bridge: string, bridgeCidr: string | null | undefined): string | undefined {
  if (bridgeCidr === undefined) return undefined;
  if (bridgeCidr === null) return `the node has no address on ${bridge}`;
  const ip = parseIpv4(address);
  const cidr = parseCidr(bridgeCidr);
  if (!ip.ok || !cidr.ok) return undefined;
  const mask = cidr.value.prefix === 0 ? 0 : (0xffffffff << (32 - cidr.value.prefix)) >>> 0;
  return (ip.value & mask) >>> 0 === (cidr.value.address & mask) >>> 0 ? undefined : `the node's address on ${bridge} is in another subnet (${bridgeCidr})`;
}

/**
 * The whole check for a static address: the configs, then an answer on the bridge. `bridgeCidr` is the
 * node's address on the bridge when known (null: it has none), so a probe that could not work is
 * reported as not done rather than as silence.
 */
export async function checkStaticAddress(
  runner: CommandRunner,
  guests: readonly ClusterGuest[],
  node: string,
  ip: string,
  bridge: string,
  options: { except?: number; bridgeCidr?: string | null } = {},
): Promise<PreflightItem | undefined> {
  if (ip === 'dhcp' || ip === 'manual') return undefined;
  const address = addressOf(ip);
  const holders = await findConfigHolders(runner, guests, node, address, options.except);
  if (holders.length > 0) return judgeAddress(address, bridge, holders, { kind: 'silent' });
  const unprobed = whyNotProbed(address, bridge, options.bridgeCidr);
  return judgeAddress(address, bridge, holders, unprobed ? { kind: 'unprobed', reason: unprobed } : await probeAddress(runner, address, bridge));
}

/** The refusal at apply time, as a UserError naming the field and who has the address. */
export function addressTakenError(item: PreflightItem): UserError {
  return new UserError(`${item.label} was taken after this plan was made: ${item.detail ?? ''}; nothing was created`, item.hint);
}
