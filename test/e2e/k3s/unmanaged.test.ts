// A workload applied to the cluster by hand (kubectl, not homelab-tui) is listed as unmanaged under
// the k3s host in `status`; the cluster's own (kube-system) and homelab-tui's are not. The host's
// kubectl is the lab's SIMULATOR (test/lab/sim/k8s), which realizes the Deployment on Podman.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshRun } from '../../support/lab.js';
import { cli, k3sConfigDir, onK3s } from './k3s-lab.js';

const NS = 'byhand';
const objects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'notes', namespace: NS, labels: { app: 'notes' } },
    spec: { replicas: 1, selector: { matchLabels: { app: 'notes' } }, template: { metadata: { labels: { app: 'notes' } }, spec: { containers: [{ name: 'web', image: 'local/labapp:1' }] } } },
  },
];

let configDir = '';
beforeAll(async () => {
  configDir = await k3sConfigDir();
  await onK3s(`kubectl delete namespace ${NS} --ignore-not-found`);
  for (const object of objects) {
    const applied = await sshRun('k3s', 'kubectl apply --server-side --field-manager=by-hand -f -', { input: JSON.stringify(object), timeoutMs: 60_000 });
    expect(applied.exitCode, applied.stderr).toBe(0);
  }
}, 120_000);
afterAll(async () => {
  await onK3s(`kubectl delete namespace ${NS} --ignore-not-found`);
});

describe('a workload applied by hand', () => {
  it('is listed as unmanaged, with its kind, readiness and image; nothing of kube-system is', async () => {
    const run = await cli(configDir, ['status', '--host', 'k3s', '--json']);
    const { hosts } = JSON.parse(run.stdout) as { hosts: { unmanaged: { name: string; provider: string; summary: string }[] }[] };
    const unmanaged = hosts[0]?.unmanaged ?? [];
    expect(unmanaged).toContainEqual(expect.objectContaining({ name: `${NS}/notes`, provider: 'k3s', summary: expect.stringMatching(/^k3s Deployment \([01]\/1 ready\), local\/labapp:1$/) }));
    expect(unmanaged.filter((u) => u.name.startsWith('kube-system/'))).toEqual([]);
  });
});
