// install → status → logs → restart → uninstall (keeping the PVC) → uninstall --purge of the lab app
// on the lab's k3s host through the built CLI. The host's kubectl is a SIMULATOR that checks every
// object against the strict v1.31 schemas and runs each pod as a real Podman container.
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, loadLab } from '../../support/lab.js';
import { startLabCli } from '../../support/lab-cli.js';
import { cli, k3sConfigDir, kubectlJson, onK3s, throughService } from './k3s-lab.js';

const name = 'k3s-life';
const lab = loadLab();
let configDir = '';
let firstStart = '';
beforeAll(async () => {
  configDir = await k3sConfigDir();
  // A namespace left by an earlier run of this file (the lab outlives test runs).
  await onK3s(`kubectl delete namespace ${name} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/${name}.json`);
});

describe('the lab app on k3s', () => {
  it('the host says its kubectl is a simulator', async () => {
    expect(await onK3s('head -2 "$(command -v kubectl)"')).toContain('kubectl SIMULATOR (not Kubernetes)');
  });

  it('installs in its own namespace, labelled and applied server-side; it answers through its Service', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`installed ${name} on k3s`);
    expect(run.stderr).toMatch(/✓ Namespace\n/);
    expect(run.stderr).toContain('deployment.apps/labapp serverside-applied');
    const objects = await kubectlJson(`deployments,services,persistentvolumeclaims -n ${name}`);
    expect(objects.items.map((o) => o.metadata.name).sort()).toEqual(['labapp', 'labapp', 'labapp-data']);
    for (const o of objects.items) expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/instance': name });
    const managed = await kubectlJson<{ metadata: { managedFields: { manager: string; operation: string }[] } }>(`deployment labapp -n ${name}`);
    expect(managed.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'homelab-tui', operation: 'Apply' })]);
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
    expect(await throughService(name, '/version')).toEqual({ code: 0, out: '1' });
    const record = JSON.parse(await onK3s(`cat /var/lib/homelab-tui/deployments/${name}.json`)) as { provider: string; refs: Record<string, unknown> };
    expect(record).toMatchObject({ provider: 'k3s', refs: { namespace: name, services: 'labapp', main: 'labapp', probeService: 'labapp', probePort: 8080, probePath: '/health' } });
  });

  it('status --json: healthy, the pod running and ready, its readiness probe (the app probe) passing', async () => {
    const run = await cli(configDir, ['status', '--host', 'k3s', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { deployments } = JSON.parse(run.stdout) as { deployments: { name: string; provider: string; health: string; services: unknown[]; probe: { ok: boolean; output: string } }[] };
    const mine = deployments.find((d) => d.name === name);
    expect(mine).toMatchObject({ provider: 'k3s', health: 'healthy', probe: { ok: true, output: expect.stringContaining('readiness probe (GET /health on port 8080) passes') } });
    expect(mine?.services).toEqual([expect.objectContaining({ name: 'labapp', state: 'running', health: 'healthy', restarts: 0, image: 'local/labapp:1' })]);
    // CPU and memory from `kubectl top pods` (k3s's metrics-server; the simulator answers from the pod's container).
    const figures = mine?.services[0] as { cpuPercent: number; memoryBytes: number };
    expect(figures.cpuPercent).toBeGreaterThanOrEqual(0);
    // kubectl prints memory in whole Mi: the lab app (a busybox httpd) can read 0Mi.
    expect(figures.memoryBytes).toBeGreaterThanOrEqual(0);
  });

  it('logs shows the pod\'s lines tagged with the pod; --follow stops on Ctrl-C', async () => {
    const run = await cli(configDir, ['logs', name, '--tail', '20']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^labapp-[0-9a-z]+-[0-9a-z]+ \| labapp 1 starting, data in \/data$/m);
    const follow = startLabCli(configDir, ['logs', name, '--follow']);
    await eventually('the first followed line', async () => follow.output().includes('labapp 1 starting'), 30_000);
    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
  });

  it('restart rolls out a new pod that starts again on the same PVC; logs --follow follows it to the new pod', async () => {
    const podsBefore = (await kubectlJson(`pods -n ${name}`)).items.map((p) => p.metadata.name);
    const follow = startLabCli(configDir, ['logs', name, '--follow']);
    await eventually('the first followed line', async () => follow.output().includes('labapp 1 starting'), 30_000);
    const run = await cli(configDir, ['restart', name, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`restarted ${name} on k3s; it is healthy`);
    const podsAfter = (await kubectlJson(`pods -n ${name}`)).items.map((p) => p.metadata.name);
    expect(podsAfter).toHaveLength(1);
    expect(podsAfter).not.toEqual(podsBefore);
    // The follow was started on the old pod; it goes on with the new one when the old one ends.
    await eventually('the new pod\'s first line in the follow', async () => follow.output().includes(`${podsAfter[0]} | labapp 1 starting`), 60_000);
    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
    const logs = await cli(configDir, ['logs', name]);
    expect(logs.stdout).toContain('labapp 1 starting');
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
  });

  it('uninstall deletes what it applied and keeps the PVC', async () => {
    firstStart = await inPod('cat /data/first-start');
    expect(firstStart).toMatch(/^\d{4}-/);
    const run = await cli(configDir, ['uninstall', name, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`uninstalled ${name} from k3s; its data stays in pvc ${name}/labapp-data`);
    expect((await kubectlJson(`deployments,services,pods -n ${name}`)).items).toEqual([]);
    expect((await kubectlJson(`persistentvolumeclaims -n ${name}`)).items.map((o) => o.metadata.name)).toEqual(['labapp-data']);
    expect(await onK3s(`test -e /var/lib/homelab-tui/deployments/${name}.json && echo kept || echo gone`)).toBe('gone\n');
    expect(await onK3s('podman ps -a --format "{{.Names}}"')).not.toContain(`_${name}\n`);
  });

  it('a reinstall uses the kept PVC only with --reuse-data (exit 2 without, naming it)', async () => {
    const refused = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`pvc ${name}/labapp-data on k3s already holds files`);
    expect(refused.stderr).toContain('--reuse-data');
    expect((await kubectlJson(`deployments -n ${name}`)).items).toEqual([]);
    const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes', '--reuse-data']);
    expect(run.code, run.stderr).toBe(0);
    expect(await inPod('cat /data/first-start')).toBe(firstStart);
  });

  it('uninstall --purge deletes the PVC (its folder on the node) and the namespace', async () => {
    const run = await cli(configDir, ['uninstall', name, '--purge', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect((await kubectlJson('namespaces')).items.map((n) => n.metadata.name)).not.toContain(name);
    expect(await onK3s(`ls ${lab.k3s?.stateDir}/storage | grep -c _${name}_ || true`)).toBe('0\n');
  });
});

/** A command in the deployment's running pod (its Podman container on the k3s host). */
async function inPod(line: string): Promise<string> {
  const pod = (await kubectlJson(`pods -n ${name}`)).items[0]?.metadata.name;
  return (await onK3s(`podman exec k8s_labapp_${pod}_${name} sh -c '${line}'`)).trim();
}
