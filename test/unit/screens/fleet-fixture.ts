import type { AppDeps } from '../../../src/store/app-store.js';
import { fakeFleetDeps, readingOf, serviceOf, tableProvider } from '../../support/fleet-doubles.js';

/** Two hosts: docker with a failing app and a healthy one whose migration job finished, nas with an out-of-memory loop. */
export function fleetFixture() {
  const fleet = fakeFleetDeps();
  fleet.source.setHost('docker', {
    deployments: [
      readingOf(
        'docker',
        'labapp',
        {
          health: 'unhealthy',
          reason: 'probe /health returned 500: database unreachable',
          hint: 'the app is running but failing: read its logs',
          probe: { ok: false, reason: 'probe /health returned 500: database unreachable', output: 'HTTP 500: database unreachable', durationMs: 12 },
          services: [serviceOf('web', { health: 'unhealthy', version: 'bad', restarts: 2 })],
        },
        { app: 'labapp', version: 'bad', urls: ['http://10.0.0.2:8080'] },
      ),
      readingOf('docker', 'nextcloud', {
        services: [serviceOf('app', { health: 'healthy', version: '29.0', memoryBytes: 300 * 2 ** 20, cpuPercent: 3 }), serviceOf('db'), serviceOf('migrate', { state: 'exited', exitCode: 0 })],
      }),
    ],
  });
  fleet.source.setHost('nas', {
    deployments: [
      readingOf(
        'nas',
        'jellyfin',
        { health: 'unhealthy', reason: 'jellyfin keeps restarting', services: [serviceOf('jellyfin', { state: 'restarting', exitCode: 137, restarts: 7 })] },
        { provider: 'proxmox-lxc' },
        { provider: tableProvider('Proxmox VE container (LXC)', false) },
      ),
    ],
  });
  const deps: Partial<AppDeps> = {
    fleet,
    loadHosts: async () => [
      { name: 'docker', kind: 'ssh', address: '10.0.0.2' },
      { name: 'nas', kind: 'ssh', address: '10.0.0.3' },
    ],
  };
  return { fleet, deps };
}
