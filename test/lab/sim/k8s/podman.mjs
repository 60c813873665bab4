// kubectl SIMULATOR support: the host's own Podman, which runs every pod's container for real.
import { spawnSync } from 'node:child_process';

export function podman(args, input) {
  const r = spawnSync('podman', args, { encoding: 'utf8', input: input ?? '', timeout: 120_000 });
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** podman inspect of one container, or undefined when it does not exist. */
export function inspect(name) {
  const r = podman(['container', 'inspect', name]);
  if (r.status !== 0) return undefined;
  try {
    return JSON.parse(r.stdout)[0];
  } catch {
    return undefined;
  }
}

export function imageExists(image) {
  return podman(['image', 'exists', image]).status === 0;
}

export function removeContainer(name) {
  podman(['rm', '-f', '-t', '2', name]);
}

export function containerIp(info) {
  const nets = info?.NetworkSettings?.Networks ?? {};
  for (const n of Object.values(nets)) if (n?.IPAddress) return n.IPAddress;
  return info?.NetworkSettings?.IPAddress || undefined;
}
