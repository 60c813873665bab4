// SIMULATOR support: answers of the read endpoints (pvesh get …), in the shape the schema's
// `returns` describe. Node figures are the real machine's (memory, cores, load); storage figures come
// from the backing directories; container figures from LXC.
import { aplEntry, catalogue } from './appliances.mjs';
import { readFileSync, statfsSync, existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, uptime, release, version as osVersion, machine } from 'node:os';
import { join } from 'node:path';
import { listVmids, loadConfig } from './ct-config.mjs';
import { lxcInterfaces, lxcState, uptimeSeconds, hostPathOfVolume } from './lxc-driver.mjs';
import { dieError, paramError } from './pve-error.mjs';
import { parseSize } from './formats.mjs';
import { findStorage, storageContent, storageStatus, templateDir } from './storage.mjs';
import { versionInfo } from './sim-settings.mjs';

function memAvailable() {
  const m = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
  return m ? Number(m[1]) * 1024 : freemem();
}

function cgroupValue(sim, vmid, controller, file, pid) {
  // LXC makes the container's cgroup under the cgroup of the process that started it, which is not
  // this process's; the container's init says where it is (/proc/PID/cgroup, `N:controller:/path`).
  const own = pid ? cgroupOfPid(pid, controller) : undefined;
  const dir = own ?? (sim.cgroupDir ? `${sim.cgroupDir}/${vmid}` : `lxc.payload.${vmid}`);
  try {
    return Number(readFileSync(`/sys/fs/cgroup/${controller}/${dir}/${file}`, 'utf8').trim());
  } catch {
    return 0;
  }
}

function cgroupOfPid(pid, controller) {
  try {
    const line = readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n').find((l) => l.split(':')[1]?.split(',').includes(controller));
    return line ? line.split(':').slice(2).join(':').replace(/^\//, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU in use as a share of the container's CPUs (0..1), as Proxmox reports `cpu`. SIMULATED: Proxmox
 * measures it between two of pvestatd's samples; this is the container's cgroup CPU time divided by
 * its uptime, the average since it started.
 */
function cpuShare(sim, vmid, pid, cores) {
  const usedNs = cgroupValue(sim, vmid, 'cpuacct', 'cpuacct.usage', pid);
  const up = uptimeSeconds(pid);
  return usedNs > 0 && up > 0 && cores > 0 ? Math.min(1, usedNs / 1e9 / up / cores) : 0;
}

/** One container's status/current answer (also used by lists and cluster resources). */
export function ctStatus(sim, vmid) {
  const { current } = loadConfig(sim, vmid);
  const { running, pid } = lxcState(sim, vmid);
  const rootfs = hostPathOfVolume(sim, current.rootfs.split(',')[0]);
  const size = /(?:^|,)size=([^,]+)/.exec(current.rootfs)?.[1];
  let disk = 0;
  try {
    const fs = statfsSync(rootfs);
    disk = (fs.blocks - fs.bfree) * fs.bsize;
  } catch {
    disk = 0;
  }
  return {
    vmid,
    name: current.hostname ?? `CT${vmid}`,
    status: running ? 'running' : 'stopped',
    type: 'lxc',
    cpus: Number(current.cores ?? cpus().length),
    cpu: running ? cpuShare(sim, vmid, pid, Number(current.cores ?? cpus().length)) : 0,
    maxmem: Number(current.memory ?? 512) * 1024 * 1024,
    mem: running ? cgroupValue(sim, vmid, 'memory', 'memory.usage_in_bytes', pid) : 0,
    maxswap: Number(current.swap ?? 512) * 1024 * 1024,
    swap: 0,
    maxdisk: size ? (parseSize(size) ?? 0) : 0,
    disk,
    uptime: running ? uptimeSeconds(pid) : 0,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    template: current.template === '1' ? 1 : 0,
    ...(current.lock ? { lock: current.lock } : {}),
    ...(current.tags ? { tags: current.tags } : {}),
    ...(running && pid ? { pid } : {}),
    ha: { managed: 0 },
  };
}

export function nodeStatus(sim) {
  const cpuList = cpus();
  const total = totalmem();
  const available = memAvailable();
  const rootfs = statfsSync('/');
  const info = versionInfo(sim);
  return {
    uptime: Math.floor(uptime()),
    loadavg: loadavg().map((l) => l.toFixed(2)),
    cpu: 0,
    wait: 0,
    cpuinfo: { cpus: cpuList.length, cores: cpuList.length, sockets: 1, model: cpuList[0]?.model ?? 'unknown', mhz: String(cpuList[0]?.speed ?? 0), hvm: '1', flags: '', user_hz: 100 },
    memory: { total, free: freemem(), used: total - available, available },
    swap: { total: 0, free: 0, used: 0 },
    rootfs: { total: rootfs.blocks * rootfs.bsize, free: rootfs.bfree * rootfs.bsize, avail: rootfs.bavail * rootfs.bsize, used: (rootfs.blocks - rootfs.bfree) * rootfs.bsize },
    ksm: { shared: 0 },
    kversion: `Linux ${release()} ${osVersion()}`,
    'current-kernel': { sysname: 'Linux', release: release(), version: osVersion(), machine: machine() },
    'boot-info': { mode: 'legacy-bios' },
    pveversion: `pve-manager/${info.version}/${info.repoid}`,
  };
}

export function nodesList(sim) {
  const total = totalmem();
  return [{ node: sim.node, status: 'online', type: 'node', id: `node/${sim.node}`, cpu: 0, maxcpu: cpus().length, mem: total - memAvailable(), maxmem: total, uptime: Math.floor(uptime()), level: '' }];
}

export function clusterResources(sim, params = {}) {
  const out = [];
  const want = (type) => !params.type || params.type === type;
  if (want('node')) {
    const [n] = nodesList(sim);
    out.push({ ...n, disk: nodeStatus(sim).rootfs.used, maxdisk: nodeStatus(sim).rootfs.total, 'cgroup-mode': 1 });
  }
  if (want('storage')) {
    for (const s of sim.storages) {
      const st = storageStatus(s);
      out.push({ id: `storage/${sim.node}/${s.id}`, type: 'storage', storage: s.id, node: sim.node, status: 'available', content: s.content, plugintype: s.type, shared: 0, disk: st.used, maxdisk: st.total });
    }
  }
  if (want('vm')) {
    for (const vmid of listVmids(sim)) {
      const st = ctStatus(sim, vmid);
      out.push({ id: `lxc/${vmid}`, type: 'lxc', vmid, node: sim.node, name: st.name, status: st.status, maxcpu: st.cpus, cpu: st.cpu, maxmem: st.maxmem, mem: st.mem, maxdisk: st.maxdisk, disk: st.disk, uptime: st.uptime, template: st.template, netin: 0, netout: 0, diskread: 0, diskwrite: 0, ...(st.tags ? { tags: st.tags } : {}), ...(st.lock ? { lock: st.lock } : {}) });
    }
  }
  return out;
}

export function nextId(sim, params = {}) {
  const used = new Set(listVmids(sim));
  if (params.vmid !== undefined) {
    const vmid = Number(params.vmid);
    if (used.has(vmid)) throw paramError({ vmid: `VM ${vmid} already exists` });
    return vmid;
  }
  let id = 100;
  while (used.has(id)) id += 1;
  return id;
}

export function ctList(sim) {
  return listVmids(sim).map((vmid) => {
    const st = ctStatus(sim, vmid);
    delete st.ha;
    return st;
  });
}

/** GET …/config: current values, or a snapshot's with `snapshot`. */
export function ctConfig(sim, params) {
  const vmid = Number(params.vmid);
  const config = loadConfig(sim, vmid);
  let section = config.current;
  if (params.snapshot) {
    section = config.snapshots[params.snapshot];
    if (!section) throw dieError(`snapshot '${params.snapshot}' does not exist`);
  }
  const out = { digest: config.digest };
  for (const [key, value] of Object.entries(section)) {
    out[key] = /^-?\d+(\.\d+)?$/.test(value) && !['hostname', 'description', 'tags', 'parent'].includes(key) ? Number(value) : value;
  }
  return out;
}

export function storageList(sim, params = {}) {
  return sim.storages
    .filter((s) => !params.storage || s.id === params.storage)
    .filter((s) => !params.content || s.content.split(',').includes(params.content))
    .map(storageStatus);
}

export { storageContent, findStorage, storageStatus };

/** Appliance templates "available for download": here, the lab's own template files. */
export function aplInfo(sim) {
  const local = sim.storages[0];
  const dir = local ? templateDir(local) : '';
  const stored = dir && existsSync(dir) ? readdirSync(dir).sort().map((file) => aplEntry(file, join(dir, file))) : [];
  // The catalogue's templates can be downloaded (pveam available lists them), stored or not.
  const offered = catalogue(sim).filter((t) => !stored.some((e) => e.template === t.file)).map((t) => aplEntry(t.file, t.path));
  return [...stored, ...offered];
}

export function networkList(sim, params = {}) {
  const bridges = sim.bridges.map((b) => {
    const [address, prefix] = b.cidr.split('/');
    return { iface: b.iface, type: 'bridge', active: 1, autostart: 1, method: 'static', families: ['inet'], cidr: b.cidr, address, netmask: String(prefix), bridge_ports: '', bridge_stp: 'off', bridge_fd: '0', priority: 3 };
  });
  const eth = { iface: 'eth0', type: 'eth', active: 1, autostart: 1, method: 'static', families: ['inet'], exists: 1, priority: 1 };
  const all = [eth, ...bridges];
  if (!params.type || params.type === 'any_bridge' || params.type === 'any_local_bridge') {
    return params.type ? bridges : all;
  }
  return all.filter((i) => i.type === params.type);
}

export function networkIface(sim, params) {
  const found = networkList(sim).find((i) => i.iface === params.iface);
  if (!found) throw dieError(`interface does not exist`);
  return found;
}

export function ctInterfaces(sim, params) {
  const vmid = Number(params.vmid);
  loadConfig(sim, vmid);
  if (!lxcState(sim, vmid).running) throw dieError(`CT ${vmid} not running`);
  return lxcInterfaces(sim, vmid);
}

export function apiVersion(sim) {
  return { ...versionInfo(sim), console: 'xtermjs' };
}
