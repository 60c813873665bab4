// A workload applied by hand with kubectl (a Deployment with a PVC, a Service, an Ingress and plain env) is
// listed as unmanaged, adopted with the built CLI (its record is the only change on the host: the
// cluster's objects keep their resourceVersion), then managed and healthy in status, with CPU/MEM
// from its own pods; its first reconfigure --dry-run shows no change, a new Ingress host is applied to
// its own Ingress (the workload untouched); uninstall without --purge deletes its workload, Service and
// Ingress by name and keeps its PVC with the data. The host's kubectl is the lab's SIMULATOR
// (test/lab/sim/k8s), which runs the pod on the host's Podman.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, loadLab, sshRun } from '../../support/lab.js';
import { cli, k3sConfigDir, kubectlJson, onK3s } from './k3s-lab.js';

const NS = 'adoptme';
const lab = loadLab();
const meta = { namespace: NS, labels: { app: 'notes' } };
const objects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'notes-data', ...meta }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '64M' } } } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'notes', ...meta },
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: 'notes' } },
      template: {
        metadata: { labels: { app: 'notes' } },
        spec: {
          // The simulator's second node is arm64 and runs nothing (the lab's images are amd64).
          nodeSelector: { 'kubernetes.io/arch': 'amd64' },
          containers: [{ name: 'web', image: 'local/labapp:1', ports: [{ name: 'web', containerPort: 8080 }], env: [{ name: 'GREETING', value: 'hi' }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'notes-data' } }],
        },
      },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'notes-web', ...meta }, spec: { selector: { app: 'notes' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'notes-in', ...meta },
    spec: { rules: [{ host: 'notes.lan', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'notes-web', port: { number: 80 } } } }] } }] },
  },
];

type Status = { deployments: { name: string; provider: string; health: string }[]; hosts: { unmanaged: { name: string; hint: string }[] }[] };

let configDir = '';
const status = async (): Promise<{ deployments: Status['deployments']; unmanaged: Status['hosts'][number]['unmanaged'] }> => {
  const run = await cli(configDir, ['status', '--host', 'k3s', '--json']);
  const parsed = JSON.parse(run.stdout) as Status;
  return { deployments: parsed.deployments, unmanaged: parsed.hosts[0]?.unmanaged ?? [] };
};
const resourceVersions = async () => (await kubectlJson<{ items: { kind: string; metadata: { name: string; resourceVersion: string; labels?: Record<string, string> } }[] }>(`deployments,services,ingresses,persistentvolumeclaims -n ${NS}`)).items.map((o) => [o.kind, o.metadata.name, o.metadata.resourceVersion, o.metadata.labels]);
const podName = async () => (await kubectlJson(`pods -n ${NS} -l app=notes`)).items[0]?.metadata.name ?? '';

beforeAll(async () => {
  // A gate shorter than the test's own timeout: a change that never gets healthy fails here, not by a hang.
  configDir = await k3sConfigDir('k3s:\n  rolloutTimeoutSeconds: 60\n');
  await onK3s(`kubectl delete namespace ${NS} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/notes.json`);
  for (const object of objects) {
    const applied = await sshRun('k3s', 'kubectl apply --server-side --field-manager=by-hand -f -', { input: JSON.stringify(object), timeoutMs: 60_000 });
    expect(applied.exitCode, applied.stderr).toBe(0);
  }
  await eventually('the hand-made pod to run', async () => (await onK3s(`podman exec k8s_web_${await podName()}_${NS} sh -c 'echo kept > /data/kept.txt && cat /data/kept.txt'`)).trim() === 'kept', 90_000, 1000);
}, 180_000);
afterAll(async () => {
  await onK3s(`kubectl delete namespace ${NS} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/notes.json`);
});

describe('adopting a k3s workload made by hand', () => {
  it('is listed as unmanaged with the adopt command as its hint', async () => {
    expect((await status()).unmanaged).toContainEqual(expect.objectContaining({ name: `${NS}/notes`, hint: `adopt it: homelab-tui adopt ${NS}/notes --host k3s` }));
  });

  it('refuses a name that is not NAMESPACE/NAME of an unmanaged workload, saying what is, with no stack trace', async () => {
    const run = await cli(configDir, ['adopt', 'notes', '--host', 'k3s', '--yes']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('no unmanaged k3s workload named "notes" on k3s');
    expect(run.stderr).toContain(`did you mean ${NS}/notes?`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('adopts it: the recipe and answers read from what runs, only the record written', async () => {
    const before = await resourceVersions();
    const run = await cli(configDir, ['adopt', `${NS}/notes`, '--host', 'k3s', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { adopted: boolean; name: string; app: string; version: string; answers: Record<string, unknown>; notes: string[] };
    expect(out).toMatchObject({ adopted: true, name: 'notes', app: 'labapp', version: '1', answers: { k3s_namespace: NS, k3s_storage_class: 'local-path', k3s_ingress_host: 'notes.lan' } });
    expect(out.notes).toContainEqual(expect.stringMatching(/^data: PVC adoptme\/notes-data \(64M\) at \/data stays where it is/));
    expect(await resourceVersions()).toEqual(before);
    const record = JSON.parse(await onK3s('cat /var/lib/homelab-tui/deployments/notes.json')) as { provider: string; refs: Record<string, unknown> };
    expect(record).toMatchObject({ provider: 'k3s', refs: { namespace: NS, adoptedWorkloads: 'labapp=Deployment/notes', adoptedSelectors: 'app=notes', adoptedObjects: 'Service/notes-web,Ingress/notes-in', adoptedClaims: 'notes-data', probeService: 'notes-web', probePort: 80 } });
  });

  it('is then managed and healthy, no longer unmanaged; adopting it again is refused naming its deployment', async () => {
    await eventually('the adopted deployment to be healthy', async () => (await status()).deployments.some((d) => d.name === 'notes' && d.provider === 'k3s' && d.health === 'healthy'), 60_000, 1000);
    expect((await status()).unmanaged.map((u) => u.name)).not.toContain(`${NS}/notes`);
    const again = await cli(configDir, ['adopt', `${NS}/notes`, '--host', 'k3s', '--yes']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`${NS}/notes on k3s is already managed: it is deployment notes`);
  });

  it('logs come from its pod, found by its selector', async () => {
    const run = await cli(configDir, ['logs', 'notes', '--host', 'k3s']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('its CPU and memory come from its own pods (it carries none of homelab-tui\'s labels)', async () => {
    const run = await cli(configDir, ['status', '--host', 'k3s', '--json']);
    const mine = (JSON.parse(run.stdout) as { deployments: { name: string; services: { cpuPercent?: number; memoryBytes?: number }[] }[] }).deployments.find((d) => d.name === 'notes');
    expect(mine?.services[0]?.cpuPercent).toBeGreaterThanOrEqual(0);
    // kubectl prints memory in whole Mi: the lab app (a busybox httpd) can read 0Mi.
    expect(mine?.services[0]?.memoryBytes).toBeGreaterThanOrEqual(0);
  });

  it('the first reconfigure --dry-run shows no change (its answers are what runs); deleting its Ingress is refused, nothing changed', async () => {
    const before = await resourceVersions();
    const dry = await cli(configDir, ['reconfigure', 'notes', '--host', 'k3s', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'unchanged', answers: [], files: [], steps: [] });
    const drop = await cli(configDir, ['reconfigure', 'notes', '--host', 'k3s', '--set', 'k3s_ingress_host=', '--yes']);
    expect(drop.code).toBe(2);
    expect(drop.stderr).toContain('the adopted Ingress notes-in is not deleted by reconfigure');
    expect(drop.stderr).not.toMatch(/\n\s+at /);
    expect(await resourceVersions()).toEqual(before);
  });

  it('a new Ingress host is set on its own Ingress, applied server-side; its workload is not touched', async () => {
    const workload = (await resourceVersions()).find(([kind]) => kind === 'Deployment');
    const run = await cli(configDir, ['reconfigure', 'notes', '--host', 'k3s', '--set', 'k3s_ingress_host=notes.home', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    const ingress = await kubectlJson<{ metadata: { labels?: Record<string, string> }; spec: { rules: { host: string; http: unknown }[] } }>(`ingress notes-in -n ${NS}`);
    expect(ingress.spec.rules[0]?.host).toBe('notes.home');
    expect(ingress.spec.rules[0]?.http).toEqual(objects[4]?.spec && (objects[4].spec as { rules: { http: unknown }[] }).rules[0]?.http);
    expect(ingress.metadata.labels).toEqual({ app: 'notes' });
    expect((await resourceVersions()).find(([kind]) => kind === 'Deployment')).toEqual(workload);
    const record = JSON.parse(await onK3s('cat /var/lib/homelab-tui/deployments/notes.json')) as { answers: Record<string, unknown>; urls: string[] };
    expect(record.answers.k3s_ingress_host).toBe('notes.home');
    expect(record.urls[0]).toBe('http://notes.home/');
  });

  it('uninstall without --purge deletes its workload and Service by name and keeps its PVC and data', async () => {
    const run = await cli(configDir, ['uninstall', 'notes', '--host', 'k3s', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect((await kubectlJson(`deployments,services,ingresses -n ${NS}`)).items).toEqual([]);
    expect((await kubectlJson(`persistentvolumeclaims -n ${NS}`)).items.map((c) => c.metadata.name)).toEqual(['notes-data']);
    expect((await onK3s(`cat ${lab.k3s?.stateDir}/storage/pvc-*_${NS}_notes-data/kept.txt`)).trim()).toBe('kept');
    expect((await sshRun('k3s', 'test -e /var/lib/homelab-tui/deployments/notes.json')).exitCode).not.toBe(0);
  });
});
