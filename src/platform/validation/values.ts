import { controlCharacterIn, fail, pass, type Check } from './check.js';
import { checkDomain, checkHostname } from './domain.js';
import { parseIpv4 } from './network.js';
import { formatSize, MIB, parseSize } from './size.js';

/** A whole number written plainly: no sign, no leading zeros, no exponent, no hex. */
export function checkInteger(input: string, min: number, max: number, what = 'a whole number'): Check<number> {
  const text = input.trim();
  if (!/^(?:0|[1-9]\d*)$/.test(text)) return fail(`"${input}" is not ${what} (digits only)`);
  const value = Number(text);
  if (value < min || value > max) return fail(`${value} is not in the allowed range ${min} to ${max}`);
  return pass(value);
}

export function checkPort(input: string): Check<number> {
  return checkInteger(input, 1, 65535, 'a port number');
}

/** An 802.1Q VLAN id: 0 and 4095 are reserved by the standard. */
export function checkVlan(input: string): Check<number> {
  return checkInteger(input, 1, 4094, 'a VLAN id');
}

/** CPU cores for a container; Proxmox accepts up to 8192. */
export function checkCores(input: string, min = 1, max = 8192): Check<number> {
  return checkInteger(input, min, max, 'a number of cores');
}

/** Memory as a size (`512M`, `2G`), in whole MiB because Proxmox and compose count in MiB. */
export function checkMemory(input: string, minBytes = 16 * MIB): Check<string> {
  const size = parseSize(input);
  if (!size.ok) return size;
  if (size.value.bytes % MIB !== 0) return fail('memory is counted in whole MiB; use M, G or T');
  if (size.value.bytes < minBytes) return fail(`${size.value.text} is less than the minimum of ${formatSize(minBytes)}`);
  return pass(size.value.text);
}

/**
 * An absolute path on a Linux host, normalised (no duplicate or trailing slash). Refused: relative
 * paths, `~`, `.`/`..` segments, the root itself, control characters, and commas (Proxmox mount
 * options and several CLIs use them as separators).
 */
export function checkAbsolutePath(input: string): Check<string> {
  if (input.length === 0) return fail('a path is required');
  if (input.startsWith('~')) return fail('~ is not expanded here; write the full path, e.g. /home/me/media');
  if (!input.startsWith('/')) return fail(`"${input}" is not an absolute path (it must start with /)`);
  if (input.startsWith('//')) return fail('a path starting with // is a network share, not a local path');
  const control = controlCharacterIn(input);
  if (control) return fail(`the path contains ${control}`);
  if (input.includes(',')) return fail('the path contains a comma, which mount options use as a separator');
  if (input.length > 4095) return fail('the path is longer than 4095 characters');
  const segments = input.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return fail('write the path without "." or ".." segments');
  if (segments.length === 0) return fail('the root directory (/) cannot be used; choose a directory');
  return pass(`/${segments.join('/')}`);
}

/** `local@domain` with a dot-atom local part (RFC 5322) and a domain per checkDomain. */
export function checkEmail(input: string): Check<string> {
  const at = input.lastIndexOf('@');
  if (at < 0) return fail(`"${input}" is not an email address (it has no @)`);
  const local = input.slice(0, at);
  const domain = checkDomain(input.slice(at + 1));
  if (local.length === 0) return fail('the part before @ is empty');
  if (local.length > 64) return fail('the part before @ is longer than 64 characters');
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) {
    return fail(`"${local}" is not allowed before @ (letters, digits, and . ! # $ % & ' * + / = ? ^ _ \` { | } ~ -; no leading, trailing or double dots)`);
  }
  if (!domain.ok) return fail(`after @: ${domain.reason}`);
  if (input.length > 254) return fail('an email address has at most 254 characters');
  return pass(`${local}@${domain.value}`);
}

/** An http(s) URL with a host name or IPv4 address, an optional port and path, no user or password. */
export function checkHttpUrl(input: string): Check<string> {
  const control = controlCharacterIn(input);
  if (control) return fail(`the URL contains ${control}`);
  if (/\s/.test(input)) return fail('the URL contains a space');
  const match = /^(https?):\/\/([^/?#]*)([/?#].*)?$/i.exec(input);
  if (!match) return fail(`"${input}" is not an http:// or https:// URL`);
  const [, , authority = '', rest = ''] = match;
  if (authority.includes('@')) return fail('remove the user name or password from the URL');
  const [host = '', port, extra] = authority.split(':');
  if (extra !== undefined) return fail('IPv6 addresses are not supported in URLs here; use a host name');
  const hostCheck = parseIpv4(host).ok ? pass(host) : checkHostname(host);
  if (!hostCheck.ok) return fail(`host "${host}": ${hostCheck.reason}`);
  if (port !== undefined) {
    const portCheck = checkPort(port);
    if (!portCheck.ok) return fail(`port: ${portCheck.reason}`);
  }
  return pass(`${match[1]?.toLowerCase()}://${hostCheck.value}${port !== undefined ? `:${port}` : ''}${rest}`);
}

/** A database or service host: a host name or an IPv4 address. */
export function checkHost(input: string): Check<string> {
  // All digits and dots is meant as an address; judging it as a name would give a confusing reason.
  if (/^[\d.]+$/.test(input)) {
    const ip = parseIpv4(input);
    return ip.ok ? pass(input) : ip;
  }
  return checkHostname(input);
}

/** An IANA time zone name such as `Europe/Berlin` or `Etc/UTC`, as the runtime's tz database knows it. */
export function checkTimezone(input: string): Check<string> {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(input)) return fail(`"${input}" is not a time zone name, e.g. Europe/Berlin or Etc/UTC`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: input });
  } catch {
    return fail(`"${input}" is not a known time zone, e.g. Europe/Berlin or Etc/UTC`);
  }
  return pass(input);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0']);

export function checkBoolean(input: string): Check<boolean> {
  const word = input.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return pass(true);
  if (FALSE_WORDS.has(word)) return pass(false);
  return fail(`"${input}" is not yes or no (true/false, yes/no, on/off, 1/0)`);
}
