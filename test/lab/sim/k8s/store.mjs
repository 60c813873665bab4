// kubectl SIMULATOR support: the objects it keeps, one JSON file each under <stateDir>/objects, and a
// lock so concurrent kubectl calls (a status poll during an apply) never reconcile at once.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

export class Store {
  constructor(stateDir) {
    this.dir = join(stateDir, 'objects');
    this.stateDir = stateDir;
    mkdirSync(this.dir, { recursive: true });
  }

  path(kind, namespace, name) {
    return join(this.dir, kind, namespace || '_', `${name}.json`);
  }

  get(kind, namespace, name) {
    try {
      return JSON.parse(readFileSync(this.path(kind, namespace, name), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Every object of a kind, in one namespace or all. */
  list(kind, namespace) {
    const base = join(this.dir, kind);
    let spaces;
    try {
      spaces = namespace !== undefined ? [namespace || '_'] : readdirSync(base);
    } catch {
      return [];
    }
    const out = [];
    for (const ns of spaces) {
      let files = [];
      try {
        files = readdirSync(join(base, ns));
      } catch {
        continue;
      }
      for (const f of files.sort()) {
        if (!f.endsWith('.json')) continue;
        try {
          out.push(JSON.parse(readFileSync(join(base, ns, f), 'utf8')));
        } catch {
          // a file being replaced: the rename makes this rare; skip it
        }
      }
    }
    return out;
  }

  put(object) {
    const file = this.path(object.kind, object.metadata.namespace, object.metadata.name);
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(object, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  }

  remove(kind, namespace, name) {
    rmSync(this.path(kind, namespace, name), { force: true });
  }

  /** Fills the fields the server sets: uid, creation time, resourceVersion, generation. */
  stamp(object, previous, specChanged) {
    const meta = object.metadata;
    meta.uid = previous?.metadata.uid ?? randomUUID();
    meta.creationTimestamp = previous?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    meta.resourceVersion = String(Date.now());
    meta.generation = (previous?.metadata.generation ?? 0) + (previous && !specChanged ? 0 : 1);
    return object;
  }

  /** Runs fn holding the simulator's lock (a directory; a lock older than 60 s is taken over). */
  async locked(fn) {
    const lock = join(this.stateDir, 'lock');
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        try {
          if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
        } catch {
          // gone meanwhile
        }
        if (Date.now() > deadline) throw new Error('kubectl simulator: lock not free after 60 s');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
    try {
      return await fn();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
