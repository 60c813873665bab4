// SIMULATOR support: pct snapshot/listsnapshot/rollback/delsnapshot. A snapshot is a full copy
// (cp -a) of the container's volumes in the simulator's state dir plus a [snapname] config section,
// with `parent` links like PVE keeps them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, saveConfig } from './ct-config.mjs';
import { hostPathOfVolume, lxcStop } from './lxc-driver.mjs';
import { dieError } from './pve-error.mjs';
import { isRunning, startCt } from './ct-lifecycle.mjs';
import { recordTask } from './tasks.mjs';

const SNAPSHOT_ONLY = new Set(['snaptime', 'description', 'snapstate', 'vmstate']);

function snapshotDir(sim, vmid, name) {
  return join(sim.stateDir, 'snapshots', String(vmid), name);
}

function copyTree(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const res = spawnSync('cp', ['-a', `${from}/.`, to], { encoding: 'utf8' });
  if (res.status !== 0) throw dieError(`copy of '${from}' failed: ${res.stderr.trim()}`);
}

/** Volumes a snapshot covers: rootfs and storage-backed mount points (not bind mounts, as on PVE). */
function volumeKeys(conf) {
  return Object.keys(conf).filter((k) => /^(rootfs|mp\d+)$/.test(k) && !conf[k].startsWith('/'));
}

export function snapshotCt(sim, params) {
  const vmid = Number(params.vmid);
  const name = String(params.snapname);
  const config = loadConfig(sim, vmid);
  if (name === 'current') throw dieError("snapshot name 'current' is reserved");
  if (config.snapshots[name]) throw dieError(`snapshot name '${name}' already used`);
  const dir = snapshotDir(sim, vmid, name);
  for (const key of volumeKeys(config.current)) {
    copyTree(hostPathOfVolume(sim, config.current[key].split(',')[0]), join(dir, key));
  }
  const snap = { ...config.current, snaptime: String(Math.floor(Date.now() / 1000)) };
  delete snap.description;
  if (params.description) snap.description = String(params.description);
  config.snapshots[name] = snap;
  config.current.parent = name;
  saveConfig(sim, vmid, config);
  return { upid: recordTask(sim, { type: 'vzsnapshot', id: String(vmid), log: [] }) };
}

export function listSnapshots(sim, params) {
  const vmid = Number(params.vmid);
  const { current, snapshots } = loadConfig(sim, vmid);
  const list = Object.entries(snapshots).map(([name, snap]) => ({
    name,
    description: snap.description ?? '',
    snaptime: Number(snap.snaptime),
    ...(snap.parent ? { parent: snap.parent } : {}),
  }));
  list.push({ name: 'current', description: 'You are here!', ...(current.parent ? { parent: current.parent } : {}) });
  return list;
}

export function rollbackCt(sim, params) {
  const vmid = Number(params.vmid);
  const name = String(params.snapname);
  const config = loadConfig(sim, vmid);
  const snap = config.snapshots[name];
  if (!snap) throw dieError(`snapshot '${name}' does not exist`);
  if (isRunning(sim, vmid)) lxcStop(sim, vmid, { kill: true });
  const dir = snapshotDir(sim, vmid, name);
  for (const key of volumeKeys(snap)) copyTree(join(dir, key), hostPathOfVolume(sim, snap[key].split(',')[0]));
  const restored = Object.fromEntries(Object.entries(snap).filter(([k]) => !SNAPSHOT_ONLY.has(k) && !/^unused\d+$/.test(k)));
  // As PVE::AbstractConfig::snapshot_apply_config: the current description and unused disks are kept.
  const kept = Object.fromEntries(Object.entries(config.current).filter(([k]) => k === 'description' || /^unused\d+$/.test(k)));
  config.current = { ...restored, ...kept, parent: name };
  saveConfig(sim, vmid, config);
  const upid = recordTask(sim, { type: 'vzrollback', id: String(vmid), log: [] });
  if (params.start) startCt(sim, { vmid });
  return { upid };
}

export function deleteSnapshot(sim, params) {
  const vmid = Number(params.vmid);
  const name = String(params.snapname);
  const config = loadConfig(sim, vmid);
  const snap = config.snapshots[name];
  if (!snap) throw dieError(`snapshot '${name}' does not exist`);
  // Children of the deleted snapshot inherit its parent, as in PVE::AbstractConfig.
  for (const section of [config.current, ...Object.values(config.snapshots)]) {
    if (section.parent !== name) continue;
    if (snap.parent) section.parent = snap.parent;
    else delete section.parent;
  }
  delete config.snapshots[name];
  rmSync(snapshotDir(sim, vmid, name), { recursive: true, force: true });
  saveConfig(sim, vmid, config);
  return { upid: recordTask(sim, { type: 'vzdelsnapshot', id: String(vmid), log: [] }) };
}
