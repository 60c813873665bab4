// SIMULATOR support: the container config file (/etc/pve/nodes/NODE/lxc/VMID.conf on a real node) in
// PVE's format: "key: value" lines, the description as leading "#" comments, one "[snapname]" section
// per snapshot. Lives under the simulator's state dir.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dieError } from './pve-error.mjs';

/**
 * @typedef {Record<string, string>} Section  keys as in the file; description decoded
 * @typedef {{current: Section, snapshots: Record<string, Section>, digest: string}} CtConfig
 */

export function configDir(sim) {
  return join(sim.stateDir, 'etc', 'pve', 'nodes', sim.node, 'lxc');
}

export function configPath(sim, vmid) {
  return join(configDir(sim), `${vmid}.conf`);
}

/** VMIDs that have a config file, ascending. */
export function listVmids(sim) {
  const dir = configDir(sim);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^(\d+)\.conf$/.exec(f)?.[1])
    .filter((v) => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Parses the file format; PVE::LXC::Config::parse_pct_config without the lxc.* raw keys. */
export function parseConfig(raw) {
  /** @type {CtConfig} */
  const config = { current: {}, snapshots: {}, digest: createHash('sha1').update(raw).digest('hex') };
  let section = config.current;
  let description = '';
  const flushDescription = () => {
    if (description) section.description = description.replace(/\n$/, '');
    description = '';
  };
  for (const line of raw.split('\n')) {
    if (/^\s*$/.test(line)) continue;
    const header = /^\[([a-z][a-z0-9_-]+)\]\s*$/i.exec(line);
    if (header) {
      flushDescription();
      section = {};
      config.snapshots[header[1]] = section;
      continue;
    }
    const comment = /^#(.*)$/.exec(line);
    if (comment) {
      description += `${decodeURIComponent(comment[1])}\n`;
      continue;
    }
    const kv = /^([a-z][a-z0-9_.-]*):\s*(.+?)\s*$/.exec(line);
    if (kv) section[kv[1]] = kv[2];
  }
  flushDescription();
  return config;
}

function renderSection(section) {
  let out = '';
  if (section.description) {
    for (const line of section.description.split('\n')) out += `#${encodeURIComponent(line).replace(/%20/g, ' ')}\n`;
  }
  for (const key of Object.keys(section).sort()) {
    if (key === 'description') continue;
    out += `${key}: ${section[key]}\n`;
  }
  return out;
}

/** The file text: current config, then snapshot sections sorted by name. */
export function renderConfig(config) {
  let out = renderSection(config.current);
  for (const name of Object.keys(config.snapshots).sort()) {
    out += `\n[${name}]\n${renderSection(config.snapshots[name])}`;
  }
  return out;
}

/** Loads a container's config or dies like PVE does for a missing one. */
export function loadConfig(sim, vmid) {
  const path = configPath(sim, vmid);
  if (!existsSync(path)) {
    throw dieError(`Configuration file 'nodes/${sim.node}/lxc/${vmid}.conf' does not exist`);
  }
  return parseConfig(readFileSync(path, 'utf8'));
}

/** Writes through a temporary file and a rename, so readers never see half a config. */
export function saveConfig(sim, vmid, config) {
  const path = configPath(sim, vmid);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp.${process.pid}`;
  writeFileSync(tmp, renderConfig(config));
  renameSync(tmp, path);
}
