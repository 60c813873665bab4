// SIMULATOR support: what pct create/start/stop/shutdown/destroy/set do, on real LXC containers
// and a config file in PVE's format. Parameters arrive already validated against the API schema.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listVmids, loadConfig, saveConfig, configPath } from './ct-config.mjs';
import { lxcStart, lxcState, lxcStop, writeLxcConfig, hostPathOfVolume } from './lxc-driver.mjs';
import { dieError } from './pve-error.mjs';
import { findStorage, imageDir, volumePath } from './storage.mjs';
import { recordTask } from './tasks.mjs';

/** Keys that are API parameters but never stored in the config. */
const NOT_STORED = new Set(['node', 'vmid', 'ostemplate', 'password', 'ssh-public-keys', 'storage', 'force', 'start', 'restore', 'unique', 'pool', 'ha-managed', 'ignore-unpack-errors', 'bwlimit', 'delete', 'revert', 'digest']);

/** A random MAC in Proxmox's OUI (BC:24:11), as PVE assigns when net[n] has no hwaddr. */
function randomMac() {
  const b = randomBytes(3);
  return `BC:24:11:${[...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(':')}`;
}

function withDefaultsForNet(value) {
  let out = value;
  if (!/(^|,)hwaddr=/.test(out)) out += `,hwaddr=${randomMac()}`;
  if (!/(^|,)type=/.test(out)) out += ',type=veth';
  return out;
}

/**
 * "STORAGE:SIZE" (GiB) allocates a new volume; a volume id or an absolute path is used as it is.
 * Returns the value to store, e.g. "local:100/vm-100-disk-0.raw,size=4G".
 */
function allocateVolume(sim, vmid, value, diskIndex) {
  const [volume, ...rest] = value.split(',');
  const plain = volume.replace(/^volume=/, '');
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(\d+(?:\.\d+)?)$/i.exec(plain);
  if (!m) return value;
  const storage = findStorage(sim, m[1]);
  const name = `vm-${vmid}-disk-${diskIndex}.raw`;
  // Directory-backed on purpose: no loop devices in the lab. The config says raw, as on a dir storage.
  mkdirSync(join(imageDir(storage, vmid), name), { recursive: true });
  const options = rest.filter((o) => !o.startsWith('size='));
  return [`${storage.id}:${vmid}/${name}`, ...options, `size=${m[2]}G`].join(',');
}

export function isRunning(sim, vmid) {
  return lxcState(sim, vmid).running;
}

function extractTemplate(sim, vmid, ostemplate, rootfsDir, log) {
  const archive = ostemplate.startsWith('/') ? ostemplate : volumePath(sim, ostemplate);
  if (!existsSync(archive)) throw dieError(`unable to create CT ${vmid} - volume '${ostemplate}' does not exist`);
  log.push(`extracting archive '${archive}'`);
  const res = spawnSync('tar', ['-xpf', archive, '-C', rootfsDir, '--numeric-owner'], { encoding: 'utf8' });
  if (res.status !== 0) throw dieError(`unable to create CT ${vmid} - command 'tar' failed: ${res.stderr.trim()}`);
  log.push('Detected container architecture: amd64');
}

function applyGuestSetup(rootfsDir, params) {
  if (params['ssh-public-keys']) {
    mkdirSync(join(rootfsDir, 'root', '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(rootfsDir, 'root', '.ssh', 'authorized_keys'), `${params['ssh-public-keys'].trim()}\n`, { mode: 0o600 });
  }
  if (params.nameserver || params.searchdomain) {
    const lines = [];
    if (params.searchdomain) lines.push(`search ${params.searchdomain}`);
    for (const ns of String(params.nameserver ?? '').split(/[ ,;]+/).filter(Boolean)) lines.push(`nameserver ${ns}`);
    mkdirSync(join(rootfsDir, 'etc'), { recursive: true });
    writeFileSync(join(rootfsDir, 'etc', 'resolv.conf'), `${lines.join('\n')}\n`);
  }
}

/** pct create / POST /nodes/{node}/lxc. */
export function createCt(sim, params) {
  const vmid = Number(params.vmid);
  const exists = listVmids(sim).includes(vmid);
  if (exists && !params.force) throw dieError(`CT ${vmid} already exists on node '${sim.node}'`);
  if (exists) destroyCt(sim, { vmid, force: 1 });
  const log = [];
  /** @type {Record<string, string>} */
  const conf = { arch: 'amd64', hostname: `CT${vmid}`, unprivileged: '1', ostype: 'unmanaged' };
  for (const [key, value] of Object.entries(params)) {
    if (!NOT_STORED.has(key)) conf[key] = String(value);
  }
  const storageId = params.storage ?? 'local';
  conf.rootfs = allocateVolume(sim, vmid, params.rootfs ?? `${storageId}:4`, 0);
  let disk = 1;
  for (const key of Object.keys(conf).filter((k) => /^mp\d+$/.test(k)).sort()) {
    conf[key] = allocateVolume(sim, vmid, conf[key], disk);
    disk += 1;
  }
  for (const key of Object.keys(conf).filter((k) => /^net\d+$/.test(k))) conf[key] = withDefaultsForNet(conf[key]);
  const rootfsDir = hostPathOfVolume(sim, conf.rootfs.split(',')[0]);
  try {
    extractTemplate(sim, vmid, params.ostemplate, rootfsDir, log);
    applyGuestSetup(rootfsDir, params);
  } catch (err) {
    rmSync(imageDir(findStorage(sim, storageId), vmid), { recursive: true, force: true });
    throw err;
  }
  saveConfig(sim, vmid, { current: conf, snapshots: {}, digest: '' });
  const upid = recordTask(sim, { type: 'vzcreate', id: String(vmid), log });
  if (params.start) startCt(sim, { vmid });
  return { upid, log };
}

/** pct start. */
export function startCt(sim, params) {
  const vmid = Number(params.vmid);
  const { current } = loadConfig(sim, vmid);
  if (isRunning(sim, vmid)) throw dieError(`CT ${vmid} already running`);
  if (current.lock && !params.skiplock) throw dieError(`CT ${vmid} is locked (${current.lock})`);
  if (current.template === '1') throw dieError('you can\'t start a CT if it\'s a template');
  for (const key of Object.keys(current).filter((k) => /^net\d+$/.test(k))) {
    const bridge = /(?:^|,)bridge=([^,]+)/.exec(current[key])?.[1];
    if (bridge && !sim.bridges.some((b) => b.iface === bridge)) throw dieError(`bridge '${bridge}' does not exist`);
  }
  writeLxcConfig(sim, vmid, current);
  lxcStart(sim, vmid, Boolean(params.debug));
  return { upid: recordTask(sim, { type: 'vzstart', id: String(vmid), log: [] }) };
}

/** pct stop: immediate. */
export function stopCt(sim, params) {
  const vmid = Number(params.vmid);
  loadConfig(sim, vmid);
  if (!isRunning(sim, vmid)) throw dieError(`CT ${vmid} not running`);
  lxcStop(sim, vmid, { kill: true });
  return { upid: recordTask(sim, { type: 'vzstop', id: String(vmid), log: [] }) };
}

/** pct shutdown: clean, with a timeout; forceStop kills after it. */
export function shutdownCt(sim, params) {
  const vmid = Number(params.vmid);
  loadConfig(sim, vmid);
  if (!isRunning(sim, vmid)) throw dieError(`CT ${vmid} not running`);
  const timeout = params.timeout !== undefined ? Number(params.timeout) : 60;
  const clean = lxcStop(sim, vmid, { kill: false, timeout });
  if (!clean && isRunning(sim, vmid)) {
    if (!params.forceStop) throw dieError(`CT ${vmid} shutdown timed out`);
    lxcStop(sim, vmid, { kill: true });
  }
  return { upid: recordTask(sim, { type: 'vzshutdown', id: String(vmid), log: [] }) };
}

/** pct destroy. */
export function destroyCt(sim, params) {
  const vmid = Number(params.vmid);
  const { current } = loadConfig(sim, vmid);
  if (current.protection === '1') throw dieError(`can't remove CT ${vmid} - protection mode enabled`);
  if (isRunning(sim, vmid)) {
    if (!params.force) throw dieError(`CT ${vmid} is running - destroy failed`);
    lxcStop(sim, vmid, { kill: true });
  }
  for (const storage of sim.storages) rmSync(imageDir(storage, vmid), { recursive: true, force: true });
  rmSync(join(sim.stateDir, 'snapshots', String(vmid)), { recursive: true, force: true });
  rmSync(join(sim.lxcPath, String(vmid)), { recursive: true, force: true });
  rmSync(configPath(sim, vmid), { force: true });
  return { upid: recordTask(sim, { type: 'vzdestroy', id: String(vmid), log: [] }) };
}

/** pct set / PUT config: changes apply at once (the simulator keeps no pending section). */
export function setCt(sim, params) {
  const vmid = Number(params.vmid);
  const config = loadConfig(sim, vmid);
  if (params.digest && params.digest !== config.digest) {
    throw dieError('detected modified configuration - file changed by other user? Try again.');
  }
  const conf = config.current;
  for (const key of String(params.delete ?? '').split(/[,;\s]+/).filter(Boolean)) delete conf[key];
  let disk = Object.keys(conf).filter((k) => /^(rootfs|mp\d+)$/.test(k)).length;
  for (const [key, value] of Object.entries(params)) {
    if (NOT_STORED.has(key)) continue;
    let stored = String(value);
    if (/^mp\d+$/.test(key) && !conf[key]) {
      stored = allocateVolume(sim, vmid, stored, disk);
      disk += 1;
    }
    if (/^net\d+$/.test(key)) stored = withDefaultsForNet(stored);
    conf[key] = stored;
  }
  saveConfig(sim, vmid, config);
  return {};
}
