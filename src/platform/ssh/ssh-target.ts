import SSHConfig from 'ssh-config';
import { UserError } from '../errors.js';
import type { Host } from '../config/inventory.js';

/** Where and how to reach one SSH host once the inventory and `~/.ssh/config` are combined. */
export interface SshTarget {
  /** The inventory name, or the jump spec as written, for messages and connection state. */
  name: string;
  /** What the TCP connection goes to (HostName, else the address as given). */
  hostName: string;
  port: number;
  user: string;
  /** Explicit identity files, expanded; empty means agent plus the default `~/.ssh/id_*` keys. */
  identityFiles: string[];
  /** `IdentitiesOnly yes`: do not offer agent keys. */
  identitiesOnly: boolean;
  /** The name looked up in known_hosts instead of hostName (`HostKeyAlias`). */
  hostKeyAlias?: string;
  /** `UserKnownHostsFile` from the config, replacing `~/.ssh/known_hosts` for this host. */
  knownHostsFiles?: string[];
  /** The hop this host is reached through (ProxyJump); its own `via` makes a chain. */
  via?: SshTarget;
}

/** What resolving needs besides the host: the parsed config, the local user and home, and the inventory. */
export interface ResolveContext {
  config: SSHConfig;
  localUser: string;
  home: string;
  /** An inventory host by name, so `jump: bastion` can name another inventory entry. */
  inventoryHost?: (name: string) => Host | undefined;
}

const MAX_HOPS = 8;

/** Parses ssh config text (an empty string for a missing file). */
export function parseSshConfig(text: string): SSHConfig {
  return SSHConfig.parse(text);
}

/**
 * Resolves an inventory host the way `ssh` would: values set in the inventory win, then the first
 * matching `~/.ssh/config` value, then OpenSSH's defaults. `Match exec` is never evaluated (it would run
 * a local shell command behind the runner's back); `Include` is not followed.
 */
export function resolveTarget(host: Pick<Host, 'name' | 'address' | 'port' | 'user' | 'identityFile' | 'jump'>, ctx: ResolveContext, depth = 0): SshTarget {
  if (depth > MAX_HOPS) throw new UserError(`ProxyJump chain for "${host.name}" is longer than ${MAX_HOPS} hops`, 'check for a jump host that jumps through itself');
  const computed = ctx.config.compute(host.address, { ignoreCase: true, matchExec: false });
  const hostName = expand(single(computed.hostname) ?? host.address, { h: host.address }, ctx);
  const user = host.user ?? single(computed.user) ?? ctx.localUser;
  const port = host.port ?? portOf(single(computed.port), host.name);
  const tokens = { h: hostName, r: user, p: String(port) };
  const identityFiles = [...(host.identityFile ? [host.identityFile] : []), ...list(computed.identityfile)].map((f) => expand(f, tokens, ctx));
  const knownHosts = list(computed.userknownhostsfile).flatMap((v) => v.split(/\s+/)).filter((v) => v && v !== 'none');
  const alias = single(computed.hostkeyalias);
  const jump = host.jump ?? single(computed.proxyjump);
  const target: SshTarget = {
    name: host.name,
    hostName,
    port,
    user,
    identityFiles,
    identitiesOnly: single(computed.identitiesonly)?.toLowerCase() === 'yes',
    ...(alias ? { hostKeyAlias: alias } : {}),
    ...(knownHosts.length > 0 ? { knownHostsFiles: knownHosts.map((f) => expand(f, tokens, ctx)) } : {}),
  };
  if (jump && jump.toLowerCase() !== 'none') target.via = resolveJumpChain(jump, ctx, depth + 1);
  return target;
}

/** `a,b` means: reach a, then b through a, then the target through b. */
function resolveJumpChain(spec: string, ctx: ResolveContext, depth: number): SshTarget {
  const hops = spec.split(',').map((s) => s.trim()).filter(Boolean);
  let previous: SshTarget | undefined;
  for (const hop of hops) {
    const resolved = resolveTarget(jumpHost(hop, ctx), ctx, depth);
    // A hop written in a chain is reached through the hop before it, not through its own ProxyJump.
    previous = previous ? { ...resolved, via: previous } : resolved;
  }
  if (!previous) throw new UserError(`empty ProxyJump value "${spec}"`);
  return previous;
}

/** A jump spec: an inventory host's name, else `[ssh://][user@]host[:port]`. */
function jumpHost(spec: string, ctx: ResolveContext): Pick<Host, 'name' | 'address' | 'port' | 'user' | 'identityFile' | 'jump'> {
  const fromInventory = ctx.inventoryHost?.(spec);
  if (fromInventory) return fromInventory;
  const match = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:@]+)(?::(\d+))?$/.exec(spec);
  if (!match?.[2]) throw new UserError(`cannot read the jump host "${spec}"`, 'write it as an inventory host name or [user@]host[:port]');
  return {
    name: spec,
    address: match[2].replace(/^\[|\]$/g, ''),
    ...(match[3] ? { port: portOf(match[3], spec) } : {}),
    ...(match[1] ? { user: match[1] } : {}),
  };
}

function portOf(value: string | undefined, name: string): number {
  if (value === undefined) return 22;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`${name}: "${value}" is not a port`, 'check Port in ~/.ssh/config');
  return port;
}

/** OpenSSH's `~` and `%` tokens in paths and names (%d home, %u local user, %h host, %r remote user, %p port). */
function expand(value: string, tokens: Record<string, string>, ctx: ResolveContext): string {
  const all: Record<string, string> = { d: ctx.home, u: ctx.localUser, '%': '%', ...tokens };
  const withTokens = value.replace(/%(.)/g, (whole, key: string) => all[key] ?? whole);
  return withTokens === '~' ? ctx.home : withTokens.replace(/^~\//, `${ctx.home}/`);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
