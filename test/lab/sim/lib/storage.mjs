// SIMULATOR support: PVE "dir" storages backed by real directories. Free space comes from statfs of
// the backing directory, so a small tmpfs there makes a storage "nearly full" for real.
import { existsSync, mkdirSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dieError } from './pve-error.mjs';

export function findStorage(sim, id) {
  const storage = sim.storages.find((s) => s.id === id);
  if (!storage) throw dieError(`storage '${id}' does not exist`);
  return storage;
}

/** total/used/avail bytes of the file system that holds the storage. */
export function storageUsage(storage) {
  mkdirSync(storage.path, { recursive: true });
  const fs = statfsSync(storage.path);
  const total = fs.blocks * fs.bsize;
  const avail = fs.bavail * fs.bsize;
  const used = total - fs.bfree * fs.bsize;
  return { total, used, avail };
}

/** GET /nodes/{node}/storage items and .../status answers. */
export function storageStatus(storage) {
  const { total, used, avail } = storageUsage(storage);
  return {
    storage: storage.id,
    type: storage.type,
    content: storage.content,
    active: 1,
    enabled: 1,
    shared: 0,
    total,
    used,
    avail,
    used_fraction: total > 0 ? used / total : 0,
  };
}

export function templateDir(storage) {
  return join(storage.path, 'template', 'cache');
}

export function imageDir(storage, vmid) {
  return join(storage.path, 'images', String(vmid));
}

/** Path of a volume id ("local:vztmpl/x.tar.gz", "local:100/vm-100-disk-0.raw") on its storage. */
export function volumePath(sim, volid) {
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i.exec(volid);
  if (!m) throw dieError(`unable to parse volume ID '${volid}'`);
  const storage = findStorage(sim, m[1]);
  const name = m[2];
  const tmpl = /^vztmpl\/(.+)$/.exec(name);
  if (tmpl) return join(templateDir(storage), tmpl[1]);
  const image = /^(\d+)\/(.+)$/.exec(name);
  if (image) return join(imageDir(storage, image[1]), image[2]);
  throw dieError(`unable to parse volume ID '${volid}'`);
}

function dirSize(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += dirSize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** GET /nodes/{node}/storage/{storage}/content items (templates and container volumes). */
export function storageContent(storage, filter = {}) {
  const items = [];
  const tdir = templateDir(storage);
  if (existsSync(tdir) && (!filter.content || filter.content === 'vztmpl')) {
    for (const file of readdirSync(tdir).sort()) {
      const st = statSync(join(tdir, file));
      const format = file.endsWith('.tar.zst') ? 'tzst' : file.endsWith('.tar.gz') ? 'tgz' : 'txz';
      items.push({ volid: `${storage.id}:vztmpl/${file}`, content: 'vztmpl', format, size: st.size, ctime: Math.floor(st.ctimeMs / 1000) });
    }
  }
  const idir = join(storage.path, 'images');
  if (existsSync(idir) && (!filter.content || filter.content === 'rootdir' || filter.content === 'images')) {
    for (const vmid of readdirSync(idir).sort()) {
      if (filter.vmid && String(filter.vmid) !== vmid) continue;
      for (const vol of readdirSync(join(idir, vmid)).sort()) {
        const st = statSync(join(idir, vmid, vol));
        items.push({
          volid: `${storage.id}:${vmid}/${vol}`,
          content: 'rootdir',
          format: 'raw',
          size: dirSize(join(idir, vmid, vol)),
          used: dirSize(join(idir, vmid, vol)),
          vmid: Number(vmid),
          ctime: Math.floor(st.ctimeMs / 1000),
        });
      }
    }
  }
  return items;
}
