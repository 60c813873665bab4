// The Docker host: dockerd started by hand inside the host (its iptables rules and forwarding stay
// in that namespace), docker-compose v1 for ssh sessions, and the lab images imported.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HostContext } from './host-anchor.js';
import { startDaemon } from './host-anchor.js';
import type { BuiltImages } from './lab-images.js';
import type { LabState } from './lab-state.js';
import { remember } from './lab-state.js';
import { attempt, run, waitFor } from './shell.js';
import type { LabImages } from '../../support/lab-manifest.js';

export interface DockerSetup {
  socket: string;
  images: LabImages;
}

export async function startDocker(state: LabState, stateDir: string, host: HostContext, prefix: string, built: BuiltImages): Promise<DockerSetup> {
  const dir = join(host.dir, 'docker');
  for (const d of ['data', 'exec', 'run']) mkdirSync(join(dir, d), { recursive: true });
  const socket = join(dir, 'run', 'docker.sock');
  const cgroupParent = `${prefix}-docker`;
  remember(stateDir, state, 'cgroupDirs', cgroupParent);
  await startDaemon(state, stateDir, host, 'dockerd', [
    'dockerd',
    '--data-root', join(dir, 'data'),
    '--exec-root', join(dir, 'exec'),
    '--pidfile', join(dir, 'run', 'docker.pid'),
    '-H', `unix://${socket}`,
    `--cgroup-parent=/${cgroupParent}`,
    '--log-level=warn',
  ]);
  const env = { ...process.env, DOCKER_HOST: `unix://${socket}` };
  await waitFor('dockerd to answer', () => attempt('/usr/bin/docker', ['version'], { env }), 20_000, 100);
  const images: LabImages = { busybox: 'local/busybox:1', app: { v1: 'local/labapp:1', v2: 'local/labapp:2', bad: 'local/labapp:bad' } };
  run('/usr/bin/docker', ['import', '-c', 'CMD ["/bin/sh"]', built.busybox, images.busybox], { env });
  for (const [tag, ref] of [['1', images.app.v1], ['2', images.app.v2], ['bad', images.app.bad]] as const) {
    run('/usr/bin/docker', ['import', '-c', 'CMD ["/app/start.sh"]', '-c', 'EXPOSE 8080', built.app[tag], ref], { env });
  }
  return { socket, images };
}
