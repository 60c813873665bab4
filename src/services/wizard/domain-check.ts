import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { parseIpv4 } from '../../platform/validation/network.js';

/** Looks a name up as this machine does (node:dns in the app; a table in tests). */
export type Resolve = (name: string) => Promise<string[]>;

/** A name the answers make public: a domain answer, or the host part of a URL answer. */
export function publicNameOf(type: string, value: string): string | undefined {
  if (type === 'domain') return value;
  if (type !== 'url') return undefined;
  try {
    const host = new URL(value).hostname;
    return host && !parseIpv4(host).ok ? host : undefined;
  } catch {
    return undefined;
  }
}

// Every IPv4 address the host has, from `ip` or `hostname -I` (busybox and old hosts lack one or the other).
const ADDRESSES_SCRIPT = 'ip -o -4 addr show 2>/dev/null || hostname -I 2>/dev/null || true';

/**
 * Whether `name` resolves to the host: undefined when it does, else a warning in words. The host's
 * addresses are its own (from the host) plus what this machine connects to.
 */
export async function checkNameResolvesTo(name: string, host: { runner: CommandRunner; address: string }, resolve: Resolve): Promise<string | undefined> {
  const [named, direct, own] = await Promise.all([
    resolve(name).catch(() => [] as string[]),
    parseIpv4(host.address).ok ? Promise.resolve([host.address]) : resolve(host.address).catch(() => [] as string[]),
    host.runner.run({ argv: ['sh', '-c', ADDRESSES_SCRIPT], timeoutMs: 10_000 }).then((r) => ipv4sIn(r.stdout), () => [] as string[]),
  ]);
  if (named.length === 0) return `${name} does not resolve yet: add a DNS record pointing at ${host.runner.host}${direct[0] ? ` (${direct[0]})` : ''}`;
  const mine = new Set([...direct, ...own]);
  if (named.some((a) => mine.has(a))) return undefined;
  return `${name} resolves to ${named.join(', ')}, not to ${host.runner.host}${direct[0] ? ` (${direct[0]})` : ''}: fine behind a proxy or NAT, otherwise fix its DNS record`;
}

/** Addresses from `ip -o -4 addr show` (after `inet`, so not the broadcast ones) or `hostname -I`. */
export function ipv4sIn(text: string): string[] {
  const words = text.includes('inet ') ? [...text.matchAll(/inet (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1] ?? '') : text.split(/\s+/);
  return words.filter((a) => parseIpv4(a).ok && !a.startsWith('127.'));
}
