import { describe, expect, it } from 'vitest';
import { k3sSettingsSchema } from '../../../../src/platform/config/k3s-settings.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { backupPvcsAction, dataBackupDir, helperName, helperPod, restorePvcsAction } from '../../../../src/providers/k3s/pvc-backup.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { k8sSchemaErrors } from '../../../support/k8s-schemas.js';

const record: DeploymentRecord = { schema: 2, name: 'app1', app: 'labapp', version: '1', provider: 'k3s', host: 'k', createdAt: '', updatedAt: '', answers: {}, secretKeys: [], refs: { namespace: 'app1', services: 'labapp', main: 'labapp', probeService: 'labapp', probePort: 8080 }, urls: [], releases: [] };
const settings = k3sSettingsSchema.parse({ rolloutTimeoutSeconds: 30, helperImage: 'local/busybox:1' });
const dir = dataBackupDir('app1');
const selector = 'app.kubernetes.io/managed-by=homelab-tui,app.kubernetes.io/instance=app1';
const kubectl = (...args: string[]) => ['kubectl', ...args];
const list = (items: unknown[]) => ({ result: { stdout: JSON.stringify({ items }) } });
const appPod = { kind: 'Pod', metadata: { name: 'labapp-x' }, spec: { nodeName: 'node-a' }, status: { phase: 'Running' } };
const helperRunning = { result: { stdout: JSON.stringify({ kind: 'Pod', metadata: { name: 'app1-data-helper' }, spec: {}, status: { phase: 'Running', containerStatuses: [{ name: 'copy', ready: true, restartCount: 0, state: { running: {} } }] } }) } };

async function run(action: ReturnType<typeof backupPvcsAction>): Promise<string[]> {
  const lines: string[] = [];
  if (action.kind !== 'call') throw new Error('a call action');
  await action.run({ signal: new AbortController().signal, output: (l) => lines.push(l) });
  return lines;
}

describe('the k3s data rollback: PVC copies through a helper pod', () => {
  it('the helper pod is valid against the strict v1.31 Pod schema, mounts each claim and is bound to the data\'s node', () => {
    const pod = helperPod('app1', 'app1', ['labapp-data', 'labapp-db'], 'local/busybox:1', 'node-a');
    expect(k8sSchemaErrors(pod)).toEqual([]);
    expect(pod).toMatchObject({ metadata: { name: 'app1-data-helper', namespace: 'app1' }, spec: { nodeName: 'node-a', containers: [{ image: 'local/busybox:1', volumeMounts: [{ mountPath: '/pvc/labapp-data' }, { mountPath: '/pvc/labapp-db' }] }] } });
    expect(JSON.stringify(pod)).not.toContain('app.kubernetes.io/instance');
    expect(helperName('x'.repeat(70)).length).toBeLessThanOrEqual(63);
  });

  it('backup: the claims and node noted, the helper started, each claim streamed out and verified, the helper removed', async () => {
    const runner = new FakeRunner('k').expect(
      { argv: ['sh', '-c', 'rm -rf -- "$1" && mkdir -p -m 700 -- "$1"', 'sh', dir] },
      { argv: kubectl('get', 'persistentvolumeclaims', '-n', 'app1', '-l', selector, '-o', 'json'), ...list([{ metadata: { name: 'labapp-data' } }]) },
      { argv: kubectl('get', 'pods', '-n', 'app1', '-l', selector, '-o', 'json'), ...list([appPod]) },
      { argv: ['sh', '-c', 'cat > "$1"', 'sh', `${dir}/claims`], stdin: 'labapp-data\n' },
      { argv: ['sh', '-c', 'cat > "$1"', 'sh', `${dir}/node`], stdin: 'node-a\n' },
      { argv: kubectl('delete', 'pod', 'app1-data-helper', '-n', 'app1', '--ignore-not-found'), repeat: true },
      { argv: kubectl('apply', '--server-side', '--field-manager=homelab-tui', '-f', '-') },
      { argv: kubectl('get', 'pod', 'app1-data-helper', '-n', 'app1', '-o', 'json'), ...helperRunning },
      { argv: ['sh', '-c'], prefix: true, answer: (argv) => (argv.at(-1) === `${dir}/labapp-data.tar.gz` ? { stdout: 'pvc labapp-data: 4 KiB, verified\n' } : { exitCode: 9 }) },
      { argv: ['touch', '--', `${dir}/complete`] },
    );
    const lines = await run(backupPvcsAction({ runner, hostName: 'k', hostAddress: 'k', clock: new FakeClock() }, record, settings));
    expect(lines).toEqual(['pvc labapp-data: 4 KiB, verified']);
    const applied = runner.calls.find((c) => c.argv.includes('apply'));
    expect(JSON.parse(String(applied?.stdin ?? '{}')).items[0]).toMatchObject({ kind: 'Pod', spec: { nodeName: 'node-a' } });
    expect(runner.calls.filter((c) => c.argv.includes('delete'))).toHaveLength(2);
    runner.verify();
  });

  it('a failed copy stops the backup (no "complete" mark) and still removes the helper', async () => {
    const runner = new FakeRunner('k').expect(
      { argv: ['sh', '-c', 'rm -rf -- "$1" && mkdir -p -m 700 -- "$1"', 'sh', dir] },
      { argv: kubectl('get', 'persistentvolumeclaims', '-n', 'app1', '-l', selector, '-o', 'json'), ...list([{ metadata: { name: 'labapp-data' } }]) },
      { argv: kubectl('get', 'pods', '-n', 'app1', '-l', selector, '-o', 'json'), ...list([appPod]) },
      { argv: ['sh', '-c', 'cat > "$1"', 'sh', `${dir}/claims`], stdin: 'labapp-data\n' },
      { argv: ['sh', '-c', 'cat > "$1"', 'sh', `${dir}/node`], stdin: 'node-a\n' },
      { argv: kubectl('delete', 'pod', 'app1-data-helper', '-n', 'app1', '--ignore-not-found'), repeat: true },
      { argv: kubectl('apply', '--server-side', '--field-manager=homelab-tui', '-f', '-') },
      { argv: kubectl('get', 'pod', 'app1-data-helper', '-n', 'app1', '-o', 'json'), ...helperRunning },
      { argv: ['sh', '-c'], prefix: true, result: { exitCode: 1, stderr: 'gzip: stdin: unexpected end of file' } },
    );
    await expect(run(backupPvcsAction({ runner, hostName: 'k', hostAddress: 'k', clock: new FakeClock() }, record, settings))).rejects.toThrow(/exit|unexpected end/);
    expect(runner.calls.some((c) => c.argv[0] === 'touch')).toBe(false);
    expect(runner.calls.filter((c) => c.argv.includes('delete'))).toHaveLength(2);
  });

  it('restore without a complete backup of an applied update leaves the PVCs alone', async () => {
    const runner = new FakeRunner('k').expect({ argv: ['sh', '-c'], prefix: true, result: { exitCode: 1 } });
    const lines = await run(restorePvcsAction({ runner, hostName: 'k', hostAddress: 'k', clock: new FakeClock() }, record, settings));
    expect(lines[0]).toContain('the PVCs are left as they are');
    expect(runner.calls).toHaveLength(1);
  });

  it('restore: the app (its Deployment and its database\'s StatefulSet) scaled to zero and waited for, then each claim emptied and unpacked by the helper on the noted node', async () => {
    let podsLeft = 2;
    const withDb = { ...record, refs: { ...record.refs, services: 'labapp,db' } };
    const container = (name: string) => ({ template: { spec: { containers: [{ name, image: 'x:1' }] } } });
    const runner = new FakeRunner('k').expect(
      { argv: ['sh', '-c', '[ -e "$1/complete" ] && [ -e "$1/applying" ] && cat -- "$1/claims" && { cat -- "$1/node" 2>/dev/null || true; }', 'sh', dir], result: { stdout: 'labapp-data\nnode-a\n' } },
      { argv: kubectl('get', 'deployments,statefulsets,pods', '-n', 'app1', '-l', selector, '-o', 'json'), ...list([{ kind: 'Deployment', metadata: { name: 'labapp' }, spec: container('labapp') }, { kind: 'StatefulSet', metadata: { name: 'db' }, spec: container('db') }]) },
      { argv: kubectl('scale', 'deployment/labapp', '--replicas=0', '-n', 'app1'), result: { stdout: 'deployment.apps/labapp scaled\n' } },
      { argv: kubectl('scale', 'statefulset/db', '--replicas=0', '-n', 'app1'), result: { stdout: 'statefulset.apps/db scaled\n' } },
      { argv: kubectl('get', 'pods', '-n', 'app1', '-l', selector, '-o', 'json'), repeat: true, answer: () => ({ stdout: JSON.stringify({ items: (podsLeft-- > 0 ? [appPod] : []) }) }) },
      { argv: kubectl('delete', 'pod', 'app1-data-helper', '-n', 'app1', '--ignore-not-found'), repeat: true },
      { argv: kubectl('apply', '--server-side', '--field-manager=homelab-tui', '-f', '-') },
      { argv: kubectl('get', 'pod', 'app1-data-helper', '-n', 'app1', '-o', 'json'), ...helperRunning },
      { argv: ['sh', '-c'], prefix: true, answer: (argv) => (argv.at(-1) === `${dir}/labapp-data.tar.gz` ? { stdout: 'pvc labapp-data: restored\n' } : { exitCode: 9 }) },
    );
    const clock = new FakeClock();
    const lines = await run(restorePvcsAction({ runner, hostName: 'k', hostAddress: 'k', clock }, withDb, settings));
    expect(lines).toEqual(['deployment.apps/labapp scaled', 'statefulset.apps/db scaled', 'pvc labapp-data: restored']);
    expect(clock.sleeps).toEqual([1000, 1000]);
    const order = runner.calls.map((c) => c.argv.slice(0, 3).join(' '));
    expect(order.indexOf('kubectl scale deployment/labapp')).toBeLessThan(order.indexOf('kubectl apply --server-side'));
    expect(order.indexOf('kubectl scale statefulset/db')).toBeLessThan(order.indexOf('kubectl apply --server-side'));
    expect(JSON.parse(String(runner.calls.find((c) => c.argv.includes('apply'))?.stdin ?? '{}')).items[0].spec.nodeName).toBe('node-a');
    runner.verify();
  });
});
