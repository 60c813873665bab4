// SIMULATOR support: the named string formats the PVE LXC API uses (`format: "pve-vmid"` etc.), with
// the messages PVE's validators die with. Written from the behaviour of pve-common's JSONSchema.pm,
// pve-container's LXC/Config.pm and pve-storage; checked by test/unit/lab/.
import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';

const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)';
const IPV4_RE = new RegExp(`^(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}$`);
const DNS_LABEL = '([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)';
const DNS_RE = new RegExp(`^(${DNS_LABEL}\\.)*${DNS_LABEL}$`);
const TAG_RE = /^[a-z0-9_][a-z0-9_\-+.]*$/i;
const STORAGE_CONTENT = ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import'];

/** A validator throws Error("message\n") when the value is not of its format. */
const fail = (message) => {
  throw new Error(`${message}\n`);
};

const isIpv4 = (v) => IPV4_RE.test(v);
const isIp = (v) => isIpv4(v) || isIPv6(v);

function cidr(value, isAddress, low, high) {
  const m = /^(.*)\/(\d+)$/.exec(value);
  return Boolean(m && isAddress(m[1]) && Number(m[2]) > low && Number(m[2]) <= high);
}

/** PVE::Tools::split_list: NUL-separated, else commas, semicolons and white space. */
export function splitList(text) {
  if (text.includes('\0')) return text.split('\0');
  const spaced = text.replace(/[,;]/g, ' ').trim();
  return spaced === '' ? [] : spaced.split(/\s+/);
}

/** PVE::JSONSchema::parse_size: "8G" → bytes, undefined when it is no size. */
export function parseSize(value) {
  const m = /^(\d+(\.\d+)?)([KMGT])?$/.exec(value);
  if (!m) return undefined;
  const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[m[3] ?? ''] ?? 1;
  return Math.floor(Number(m[1]) * unit);
}

function timezoneKnown(zone) {
  if (zone === 'UTC') return true;
  try {
    const tab = readFileSync('/usr/share/zoneinfo/zone.tab', 'utf8');
    return tab.split('\n').some((line) => !line.startsWith('#') && line.split('\t')[2] === zone);
  } catch {
    return false;
  }
}

function startupOrderValid(value) {
  if (!value) return false;
  return value.split(',').every((part) => /^\s*$/.test(part) || /^(order=)?\d+$/.test(part) || /^(up|down)=\d+$/.test(part));
}

/** Validators by format name. Unlisted formats are not checked (none of the LXC endpoints use one). */
export const FORMATS = {
  'pve-vmid': (v) => /^[1-9][0-9]{2,8}$/.test(v) || fail('value does not look like a valid VM ID'),
  'pve-node': (v) => /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/.test(v) || fail('value does not look like a valid node name'),
  'pve-configid': (v) => /^[a-z][a-z0-9_-]+$/i.test(v) || fail(`invalid configuration ID '${v}'`),
  'pve-storage-id': (v) => /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v) || fail(`storage ID '${v}' contains illegal characters`),
  'pve-poolid': (v) => /^[A-Za-z0-9.\-_]+$/.test(v) || fail(`invalid pool ID '${v}'`),
  'pve-tag': (v) => TAG_RE.test(v) || fail('invalid characters in tag'),
  'pve-volume-id': (v) => /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i.test(v) || fail(`unable to parse volume ID '${v}'`),
  'pve-storage-content': (v) => STORAGE_CONTENT.includes(v) || fail(`invalid content type '${v}'`),
  'dns-name': (v) => DNS_RE.test(v) || fail('value does not look like a valid DNS name'),
  ipv4: (v) => isIpv4(v) || fail('value does not look like a valid IPv4 address'),
  ipv6: (v) => isIPv6(v) || fail('value does not look like a valid IPv6 address'),
  'lxc-ip-with-ll-iface': (v) => {
    const m = /^(fe80:[^%]+)%(.*)$/.exec(v);
    if (m && isIp(m[1]) && /^[a-z][a-z0-9_]{1,20}([:.]\d+)?$/i.test(m[2])) return true;
    return isIp(v) || fail('value does not look like a valid IP address');
  },
  'pve-ipv4-config': (v) =>
    /^(?:dhcp|manual)$/.test(v) || cidr(v, isIpv4, 7, 32) || fail('value does not look like a valid ipv4 network configuration'),
  'pve-ipv6-config': (v) =>
    /^(?:auto|dhcp|manual)$/.test(v) || cidr(v, isIPv6, 7, 128) || fail('value does not look like a valid ipv6 network configuration'),
  'mac-addr': (v) => /^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i.test(v) || fail('value does not look like a valid unicast MAC address'),
  'disk-size': (v) => parseSize(v) !== undefined || fail(`value does not look like a valid disk size: ${v}`),
  'pve-startup-order': (v) => startupOrderValid(v) || fail('unable to parse startup options'),
  'pve-ct-timezone': (v) => v === 'host' || timezoneKnown(v) || fail(`invalid time zone '${v}'`),
  'pve-lxc-mp-string': (v) =>
    !(/\/\.\.?\//.test(v) || /\/\.\.?$/.test(v) || /^\.\.\//.test(v)) || fail(`${v} contains illegal character sequences`),
  'pve-lxc-dev-string': (v) => (!/\/\.\.?(?:\/|$)/.test(v) && /^\/dev\//.test(v)) || fail(`${v} is not a valid device path`),
};

/**
 * PVE::JSONSchema::check_format for a named format: "name", "name-list" (each item of split_list) or
 * "name-opt" (checked when not empty). Throws Error("...\n") when the value does not fit.
 */
export function checkNamedFormat(format, value) {
  const m = /^(.*?)(?:-(list|opt))?$/.exec(format);
  const name = m?.[1] ?? format;
  const kind = m?.[2];
  const validate = FORMATS[name];
  if (!validate) return;
  if (kind === 'list') {
    for (const item of splitList(value)) validate(item);
  } else if (kind === 'opt') {
    if (value) validate(value);
  } else {
    validate(value);
  }
}
