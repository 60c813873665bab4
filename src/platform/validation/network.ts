import { fail, pass, type Check } from './check.js';

/** An IPv4 network written as `address/prefix`, with the address as an unsigned 32-bit number. */
export interface Ipv4Cidr {
  address: number;
  prefix: number;
}

/** Dotted-quad IPv4 as a number. Leading zeros are refused: some tools read `010` as octal 8. */
export function parseIpv4(input: string): Check<number> {
  const parts = input.split('.');
  if (parts.length !== 4) return fail(`"${input}" is not an IPv4 address (four numbers 0–255 separated by dots)`);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return fail(`"${input}" is not an IPv4 address (four numbers 0–255 separated by dots)`);
    if (part.length > 1 && part.startsWith('0')) return fail(`"${part}" has a leading zero, which some tools read as octal; write ${Number(part)}`);
    const octet = Number(part);
    if (octet > 255) return fail(`${octet} is more than 255`);
    value = value * 256 + octet;
  }
  return pass(value);
}

export function checkIpv4(input: string): Check<string> {
  const parsed = parseIpv4(input);
  return parsed.ok ? pass(input) : parsed;
}

/** `a.b.c.d/n` with n from 0 to 32. */
export function parseCidr(input: string): Check<Ipv4Cidr> {
  const [address = '', prefixText, extra] = input.split('/');
  if (prefixText === undefined || extra !== undefined) return fail(`"${input}" is not in CIDR form, e.g. 192.168.1.20/24`);
  const parsed = parseIpv4(address);
  if (!parsed.ok) return parsed;
  if (!/^(?:0|[1-9]\d?)$/.test(prefixText) || Number(prefixText) > 32) return fail(`"/${prefixText}" is not a prefix length (0 to 32)`);
  return pass({ address: parsed.value, prefix: Number(prefixText) });
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function networkOf(cidr: Ipv4Cidr): number {
  return (cidr.address & maskOf(cidr.prefix)) >>> 0;
}

function broadcastOf(cidr: Ipv4Cidr): number {
  return (networkOf(cidr) | (~maskOf(cidr.prefix) >>> 0)) >>> 0;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/**
 * An interface address with its prefix, such as a container's static IP: a usable host address, so not
 * the network or broadcast address of its subnet (except in /31 and /32, which have none, per RFC 3021).
 */
export function checkHostCidr(input: string): Check<string> {
  const parsed = parseCidr(input);
  if (!parsed.ok) return parsed;
  const cidr = parsed.value;
  if (cidr.prefix < 8) return fail(`/${cidr.prefix} is far too wide for one host's subnet; use something like /24`);
  if (cidr.prefix <= 30) {
    if (cidr.address === networkOf(cidr)) return fail(`${formatIpv4(cidr.address)} is the network address of that subnet, not a host address`);
    if (cidr.address === broadcastOf(cidr)) return fail(`${formatIpv4(cidr.address)} is the broadcast address of that subnet, not a host address`);
  }
  return pass(input);
}

/** A gateway must be a different host address inside the subnet of `hostCidr`. */
export function checkGatewayInSubnet(gateway: string, hostCidr: string): Check<string> {
  const gw = parseIpv4(gateway);
  if (!gw.ok) return gw;
  const host = parseCidr(hostCidr);
  if (!host.ok) return host;
  const cidr = host.value;
  const subnet = `${formatIpv4(networkOf(cidr))}/${cidr.prefix}`;
  if ((gw.value & maskOf(cidr.prefix)) >>> 0 !== networkOf(cidr)) return fail(`${gateway} is outside the subnet ${subnet}`);
  if (gw.value === cidr.address) return fail(`${gateway} is the address itself; the gateway is another host, usually the router`);
  if (cidr.prefix <= 30 && (gw.value === networkOf(cidr) || gw.value === broadcastOf(cidr))) {
    return fail(`${gateway} is the network or broadcast address of ${subnet}`);
  }
  return pass(gateway);
}
