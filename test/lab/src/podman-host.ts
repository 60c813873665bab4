// The Podman host: rootful podman with its own storage and config (containers.conf carries the
// ulimit fix LAB.md describes), podman-compose for ssh sessions, and the lab images imported.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { inHost } from './host-anchor.js';
import type { BuiltImages } from './lab-images.js';
import { run } from './shell.js';
import type { LabImages } from '../../support/lab-manifest.js';

export interface PodmanSetup {
  containersConf: string;
  storageConf: string;
  env: Record<string, string>;
  images: LabImages;
}

export function setupPodman(host: HostContext, built: BuiltImages): PodmanSetup {
  const dir = join(host.dir, 'podman');
  for (const d of ['storage', 'run', 'tmp', 'networks', 'volumes']) mkdirSync(join(dir, d), { recursive: true });
  const containersConf = join(dir, 'containers.conf');
  const storageConf = join(dir, 'storage.conf');
  writeFileSync(
    containersConf,
    [
      '[containers]',
      // The sandbox lacks CAP_SYS_RESOURCE: without lower limits every `podman run` fails.
      'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]',
      '[engine]',
      // No systemd here: cgroupfs, file events; healthchecks never run by themselves (run them by hand).
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `events_logfile_path = "${join(dir, 'events.log')}"`,
      `tmp_dir = "${join(dir, 'tmp')}"`,
      `volume_path = "${join(dir, 'volumes')}"`,
      '[network]',
      `network_config_dir = "${join(dir, 'networks')}"`,
      '',
    ].join('\n'),
  );
  writeFileSync(storageConf, ['[storage]', 'driver = "overlay"', `graphroot = "${join(dir, 'storage')}"`, `runroot = "${join(dir, 'run')}"`, ''].join('\n'));
  const env = { CONTAINERS_CONF: containersConf, CONTAINERS_STORAGE_CONF: storageConf };
  const podman = [...inHost(host.anchor), 'env', `CONTAINERS_CONF=${containersConf}`, `CONTAINERS_STORAGE_CONF=${storageConf}`, 'podman'];
  const images: LabImages = {
    busybox: 'localhost/local/busybox:1',
    app: { v1: 'localhost/local/labapp:1', v2: 'localhost/local/labapp:2', bad: 'localhost/local/labapp:bad' },
  };
  run(podman[0] as string, [...podman.slice(1), 'import', '-q', '-c', 'CMD ["/bin/sh"]', built.busybox, 'local/busybox:1']);
  for (const tag of ['1', '2', 'bad'] as const) {
    run(podman[0] as string, [...podman.slice(1), 'import', '-q', '-c', 'CMD ["/app/start.sh"]', '-c', 'EXPOSE 8080', built.app[tag], `local/labapp:${tag}`]);
  }
  return { containersConf, storageConf, env, images };
}
