// kubectl SIMULATOR support: the host's own Podman, which runs every pod's container for real.
import { spawnSync } from 'node:child_process';

export function podman(args, input) {
  // maxBuffer: an inspect of 50 containers prints about 600 KB (the default 1 MiB cut a 100-name one short).
  const r = spawnSync('podman', args, { encoding: 'utf8', input: input ?? '', timeout: 120_000, maxBuffer: 64 << 20 });
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

// The inspect data of the containers a `get` is about to show, read with one podman call and kept
// for the rest of this kubectl call (a real API server also answers with the kubelet's last report,
// not a fresh look); running or removing a container drops it. Without it a `get` of 50 pods cost 100
// podman starts.
let snapshot;

/** Reads the named containers at once (a missing one is left out: podman prints the others and fails). */
export function preloadContainers(wanted) {
  const names = [...new Set(wanted)];
  const map = new Map();
  if (names.length > 0) {
    const r = podman(['container', 'inspect', ...names]);
    try {
      for (const info of JSON.parse(r.stdout || '[]')) map.set(String(info.Name).replace(/^\//, ''), info);
    } catch {
      return;
    }
  }
  snapshot = { names: new Set(names), map };
}

/** podman inspect of one container, or undefined when it does not exist. */
export function inspect(name) {
  if (snapshot?.names.has(name)) return snapshot.map.get(name);
  const r = podman(['container', 'inspect', name]);
  if (r.status !== 0) return undefined;
  try {
    return JSON.parse(r.stdout)[0];
  } catch {
    return undefined;
  }
}

/** Forgets the kept inspect data (after a container was started or removed). */
export function forgetContainers() {
  snapshot = undefined;
}

export function imageExists(image) {
  return podman(['image', 'exists', image]).status === 0;
}

export function removeContainer(name) {
  podman(['rm', '-f', '-t', '2', name]);
  forgetContainers();
}

export function containerIp(info) {
  const nets = info?.NetworkSettings?.Networks ?? {};
  for (const n of Object.values(nets)) if (n?.IPAddress) return n.IPAddress;
  return info?.NetworkSettings?.IPAddress || undefined;
}
