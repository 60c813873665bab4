// SIMULATOR support: the appliance catalogue (what `pveam available` lists and `pveam download`
// fetches; GET/POST /nodes/{node}/aplinfo). Real PVE downloads from download.proxmox.com; the lab's
// catalogue is a directory on this machine (sim.applianceDir, the lab's per-machine template cache),
// so a "download" is a copy into the storage's template/cache. Nothing is downloaded.
import { copyFileSync, existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dieError } from './pve-error.mjs';
import { findStorage, templateDir } from './storage.mjs';
import { recordTask } from './tasks.mjs';

const TEMPLATE_FILE = /^[^_/]+_[^_/]+_[^_./]+\.tar\.(gz|xz|zst)$/;

/** Template files in the catalogue (absent: none). */
export function catalogue(sim) {
  const dir = sim.applianceDir;
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => TEMPLATE_FILE.test(f)).sort().map((file) => ({ file, path: join(dir, file) }));
}

/** One aplinfo entry for a template file. */
export function aplEntry(file, path) {
  const m = /^([^_]+)_([^_]+)_([^.]+)\./.exec(file);
  const first = m?.[1]?.split('-')[0];
  return {
    template: file,
    type: 'lxc',
    package: m?.[1] ?? file,
    version: m?.[2] ?? '1',
    os: first === 'lab' ? 'busybox' : (first ?? 'unknown'),
    section: 'system',
    headline: first === 'debian' ? 'Debian 12 Bookworm (homelab-tui lab build, debootstrap)' : 'homelab-tui lab template (SIMULATOR catalogue)',
    description: 'A template built by the lab on this machine; nothing is downloaded.',
    architecture: m?.[3] ?? 'amd64',
    location: `file://${path}`,
    source: 'homelab-tui lab',
    infopage: '',
    maintainer: 'homelab-tui lab',
    md5sum: '',
    sha512sum: '',
    size: statSync(path).size,
  };
}

/** POST /nodes/{node}/aplinfo (`pveam download STORAGE TEMPLATE`): copies the template into the storage. */
export function downloadAppliance(sim, params) {
  const entry = catalogue(sim).find((t) => t.file === params.template);
  if (!entry) throw dieError(`no such template '${params.template}'`);
  const storage = findStorage(sim, params.storage);
  if (!storage.content.split(',').includes('vztmpl')) throw dieError(`storage '${params.storage}' does not support templates`);
  const target = join(templateDir(storage), entry.file);
  const log = [`starting template download from: ${entry.path}`, `target file: ${target}`];
  if (existsSync(target)) {
    log.push(`file '${target}' already exists`);
  } else {
    copyFileSync(entry.path, `${target}.tmp_dwnl`);
    renameSync(`${target}.tmp_dwnl`, target);
    log.push('download of template finished');
  }
  return recordTask(sim, { type: 'download', id: entry.file, log });
}
