// A database server on k3s runs as a StatefulSet: install → status → restart (its data stays) → update →
// uninstall (the PVC stays) → reinstall on the kept data → uninstall --purge, through the built CLI
// on the lab's k3s host, whose kubectl is a SIMULATOR checking every object against the strict v1.31
// schemas and running each pod (db-0 too) as a real Podman container.
// The lab has no image registry and no database image (test/lab/src/lab-images.ts builds busybox and
// the lab app only), so the test recipe test/e2e/k3s/catalog/labdb.yaml runs the lab app's image as
// its database companion `db`; what makes `db` a database server is the recipe's mark, the backup's
// PostgreSQL dump naming it as its service (as Vikunja's embedded database is marked).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../support/lab.js';
import { cli, k3sConfigDir, kubectlJson, onK3s, throughService } from './k3s-lab.js';

const name = 'k3s-sts';
const lab = loadLab();
const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./catalog', import.meta.url)) };
let configDir = '';
let firstStart = '';

interface Sts {
  spec: { serviceName: string; template: { spec: { volumes: unknown[] } } };
  status: { readyReplicas: number; currentRevision: string; updateRevision: string };
}
interface PodItem {
  metadata: { name: string; uid: string; labels: Record<string, string> };
}

beforeAll(async () => {
  configDir = await k3sConfigDir();
  // A namespace left by an earlier run of this file (the lab outlives test runs).
  await onK3s(`kubectl delete namespace ${name} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/${name}.json`);
});

/** A shell line in the database's pod db-0 (kubectl exec, which the simulator runs as podman exec). */
async function inDb(line: string): Promise<string> {
  return (await onK3s(`kubectl exec -n ${name} pod/db-0 -- sh -c '${line}'`)).trim();
}

describe('a database companion on k3s is a StatefulSet', () => {
  it('installs: db as a StatefulSet (pod db-0) with its headless Service and its own PVC; the app as a Deployment', async () => {
    const run = await cli(configDir, ['install', 'labdb', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('statefulset.apps/db serverside-applied');
    const sts = await kubectlJson<Sts>(`statefulset db -n ${name}`);
    expect(sts.spec.serviceName).toBe('db-headless');
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'dbdata', persistentVolumeClaim: { claimName: 'db-dbdata' } }]);
    expect(sts.status).toMatchObject({ readyReplicas: 1, currentRevision: sts.status.updateRevision });
    const headless = await kubectlJson<{ spec: { clusterIP: string } }>(`service db-headless -n ${name}`);
    expect(headless.spec.clusterIP).toBe('None');
    expect((await kubectlJson(`deployments -n ${name}`)).items.map((d) => d.metadata.name)).toEqual(['labapp']);
    expect((await kubectlJson(`pods -n ${name}`)).items.map((p) => p.metadata.name)).toContain('db-0');
    const claims = (await kubectlJson(`persistentvolumeclaims -n ${name}`)).items;
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(['db-dbdata', 'labapp-data']);
    for (const c of claims) expect(c.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/instance': name });
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
  });

  it('status --json: healthy, db running and healthy from its StatefulSet', async () => {
    const run = await cli(configDir, ['status', '--host', 'k3s', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const mine = (JSON.parse(run.stdout) as { deployments: { name: string; health: string; services: unknown[] }[] }).deployments.find((d) => d.name === name);
    expect(mine).toMatchObject({ health: 'healthy' });
    expect(mine?.services).toEqual([
      expect.objectContaining({ name: 'labapp', state: 'running', health: 'healthy' }),
      expect.objectContaining({ name: 'db', state: 'running', health: 'healthy', image: 'local/labapp:1', restarts: 0 }),
    ]);
  });

  it('restart replaces db-0 with a new pod of the same name on the same PVC: its data stays', async () => {
    await inDb('echo kept > /data/marker');
    firstStart = await inDb('cat /data/first-start');
    const before = (await kubectlJson<{ items: PodItem[] }>(`pods -n ${name} -l app.kubernetes.io/component=db`)).items;
    const run = await cli(configDir, ['restart', name, 'db', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`kubectl rollout restart statefulset/db -n ${name}`);
    const after = (await kubectlJson<{ items: PodItem[] }>(`pods -n ${name} -l app.kubernetes.io/component=db`)).items;
    expect(after.map((p) => p.metadata.name)).toEqual(['db-0']);
    expect(after[0]?.metadata.uid).not.toBe(before[0]?.metadata.uid);
    expect(await inDb('cat /data/marker')).toBe('kept');
    expect(await inDb('cat /data/first-start')).toBe(firstStart);
    // Two starts on the same volume: the first pod's and the new one's.
    expect((await inDb('cat /data/starts.log')).split('\n')).toHaveLength(2);
    const status = await cli(configDir, ['status', '--host', 'k3s', '--json'], env);
    expect((JSON.parse(status.stdout) as { deployments: { name: string; health: string }[] }).deployments.find((d) => d.name === name)?.health).toBe('healthy');
  });

  it('update 1 -> 2 rolls the StatefulSet to the new image: db-0 is replaced on the same PVC and its revisions meet', async () => {
    const run = await cli(configDir, ['update', name, '--to', '2', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    const sts = await kubectlJson<Sts & { spec: { template: { spec: { containers: { image: string }[] } } } }>(`statefulset db -n ${name}`);
    expect(sts.spec.template.spec.containers[0]?.image).toBe('local/labapp:2');
    expect(sts.status).toMatchObject({ readyReplicas: 1, currentRevision: sts.status.updateRevision });
    expect(await inDb('cat /app/tag')).toBe('2');
    expect(await inDb('cat /data/marker')).toBe('kept');
    expect(await inDb('cat /data/first-start')).toBe(firstStart);
  });

  it('uninstall deletes the StatefulSet, its pod and both Services, and keeps its PVC', async () => {
    const run = await cli(configDir, ['uninstall', name, '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`pvc ${name}/db-dbdata`);
    expect((await kubectlJson(`statefulsets,deployments,services,pods -n ${name}`)).items).toEqual([]);
    expect((await kubectlJson(`persistentvolumeclaims -n ${name}`)).items.map((o) => o.metadata.name).sort()).toEqual(['db-dbdata', 'labapp-data']);
    expect(await onK3s('podman ps -a --format "{{.Names}}"')).not.toContain(`_db-0_${name}`);
  });

  it('a reinstall with --reuse-data starts db-0 on the kept PVC', async () => {
    const run = await cli(configDir, ['install', 'labdb', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes', '--reuse-data'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(await inDb('cat /data/marker')).toBe('kept');
    expect(await inDb('cat /data/first-start')).toBe(firstStart);
  });

  it('uninstall --purge deletes the PVCs (their folders on the node) and the namespace', async () => {
    const run = await cli(configDir, ['uninstall', name, '--purge', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect((await kubectlJson('namespaces')).items.map((n) => n.metadata.name)).not.toContain(name);
    expect(await onK3s(`ls ${lab.k3s?.stateDir}/storage | grep -c _${name}_ || true`)).toBe('0\n');
  });
});
