import { describe, expect, it } from 'vitest';
import { planK3sAdoption } from '../../../../../src/providers/k3s/adopt/plan-adoption.js';
import { discoverK3s } from '../../../../../src/providers/k3s/discover.js';
import { planK3sUninstall } from '../../../../../src/providers/k3s/plan-uninstall.js';
import { readK3sStatus } from '../../../../../src/providers/k3s/read-status.js';
import { deploymentRecordSchema, type DeploymentRecord } from '../../../../../src/platform/deployments/deployment-record.js';
import { k3sRefsSchema } from '../../../../../src/providers/k3s/refs.js';
import { FakeRunner } from '../../../../support/fake-runner.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { shippedCatalog } from '../../../../support/catalog.js';
import { NAMESPACE_LIST, UNMANAGED_LIST } from './k3s-fixtures.js';

const UNMANAGED = ['kubectl', 'get', 'deployments,statefulsets', '-A', '-l', 'app.kubernetes.io/managed-by!=homelab-tui', '-o', 'json'];
const NAMESPACE = ['kubectl', 'get', 'deployments,statefulsets,services,ingresses,persistentvolumeclaims', '-n', 'byhand', '-o', 'json'];

function ctxOf(runner: FakeRunner) {
  return { runner, hostName: 'k3s', hostAddress: '10.0.0.9', clock: new FakeClock(0) };
}

async function adopt(records: DeploymentRecord[] = [], request = { name: 'byhand/notes' as string }) {
  const runner = new FakeRunner('k3s').expect({ argv: UNMANAGED, result: { stdout: JSON.stringify(UNMANAGED_LIST) } }, { argv: NAMESPACE, result: { stdout: JSON.stringify(NAMESPACE_LIST) }, repeat: true });
  const { recipes } = await shippedCatalog();
  return planK3sAdoption(ctxOf(runner), recipes, request, records, '2026-12-07T19:00:00Z');
}

describe('adopting a k3s workload', () => {
  it('proposes a k3s record from what runs: its names, selector, Service, Ingress and PVCs, reading only (two kubectl gets)', async () => {
    const plan = await adopt();
    const { record } = plan;
    expect(deploymentRecordSchema.parse(record)).toBeTruthy();
    expect(k3sRefsSchema.parse(record.refs)).toBeTruthy();
    expect(record).toMatchObject({ name: 'notes', app: 'labapp', version: '1', provider: 'k3s', answers: { k3s_namespace: 'byhand', k3s_storage_class: 'local-path', k3s_ingress_host: 'notes.lab' }, urls: ['http://notes.lab/'], releases: [{ version: '1', result: 'adopted' }] });
    expect(record.refs).toEqual({
      namespace: 'byhand',
      services: 'notes',
      main: 'notes',
      probeService: 'notes-web',
      probePort: 80,
      probePath: '/health',
      probeBody: 'ok',
      adoptedWorkloads: 'labapp=Deployment/notes',
      adoptedSelectors: 'app=notes',
      adoptedObjects: 'Service/notes-web,Ingress/notes',
      adoptedClaims: 'notes-data',
    });
    expect(plan.workload).toEqual(expect.objectContaining({ name: 'byhand/notes', provider: 'k3s' }));
    expect(plan.notes).toContainEqual(expect.stringMatching(/^data: PVC byhand\/notes-data \(64M\) at \/data stays where it is; uninstall keeps it/));
    expect(plan.notes).toContainEqual('env TOKEN of web comes from Secret notes-secrets (key token): not read, it stays there');
    expect(plan.notes).toContainEqual(expect.stringMatching(/nothing on the cluster changed, and the labels an install sets \(app.kubernetes.io\/managed-by, app.kubernetes.io\/instance\) are not added/));
  });

  it('refuses an unknown name, naming the form and what is unmanaged there', async () => {
    await expect(adopt([], { name: 'notes' })).rejects.toMatchObject({ message: 'no unmanaged k3s workload named "notes" on k3s', hint: 'NAME is NAMESPACE/NAME (a Deployment or StatefulSet); did you mean byhand/notes?' });
    await expect(adopt([], { name: 'byhand/nope' })).rejects.toMatchObject({ hint: 'unmanaged there: byhand/notes, byhand/other' });
  });

  it('refuses a workload already adopted, naming its deployment, and discovery no longer lists it', async () => {
    const { record } = await adopt();
    const again = { ...record, name: 'mynotes' };
    await expect(adopt([again])).rejects.toMatchObject({ message: 'byhand/notes on k3s is already managed: it is deployment mynotes' });
    const runner = new FakeRunner('k3s').expect({ argv: UNMANAGED, result: { stdout: JSON.stringify(UNMANAGED_LIST) } });
    expect((await discoverK3s(ctxOf(runner), [again])).map((w) => [w.name, w.hint])).toEqual([['byhand/other', 'adopt it: homelab-tui adopt byhand/other --host k3s']]);
  });

  it('refuses a deployment name that is taken or not a name, naming --name', async () => {
    const { record } = await adopt();
    await expect(adopt([{ ...record, name: 'notes', refs: { ...record.refs, adoptedWorkloads: 'labapp=Deployment/elsewhere' } }])).rejects.toThrow(/^--name: a deployment named "notes" already exists on k3s$/);
    await expect(adopt([], { name: 'byhand/notes', deployment: 'Not_A_Name' } as { name: string })).rejects.toThrow(/^--name: "Not_A_Name" cannot be a deployment name/);
  });

  it('status reads the adopted workload by name and its pods by selector; uninstall deletes it by name and keeps its PVC, --purge too', async () => {
    const { record } = await adopt();
    const pod = { kind: 'Pod', metadata: { name: 'notes-abc', namespace: 'byhand', labels: { app: 'notes' } }, spec: {}, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: {} } }] } };
    const stray = { ...pod, metadata: { name: 'other-x', namespace: 'byhand', labels: { app: 'other' } } };
    const list = { kind: 'List', items: [NAMESPACE_LIST.items[0], NAMESPACE_LIST.items[1], pod, stray] };
    const runner = new FakeRunner('k3s').expect(
      { argv: ['kubectl', 'top', 'pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '--no-headers'], result: { exitCode: 1 } },
      { argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-n', 'byhand', '-o', 'json'], result: { stdout: JSON.stringify(list) } },
    );
    const status = await readK3sStatus(ctxOf(runner), record);
    expect(status).toMatchObject({ health: 'healthy', services: [{ name: 'notes', state: 'running', health: 'healthy', image: 'local/labapp:1' }], probe: { ok: true, output: 'readiness probe (GET /health on port 80) passes on pod notes-abc' } });
    for (const purge of [false, true]) {
      const uninstall = await planK3sUninstall(ctxOf(new FakeRunner('k3s')), record, purge);
      const commands = uninstall.steps.flatMap((s) => s.actions).flatMap((a) => (a.kind === 'run' ? [a.command.argv.join(' ')] : []));
      expect(commands[0]).toBe('kubectl delete deployment/notes service/notes-web ingress/notes -n byhand --ignore-not-found');
      expect(commands.join('\n')).not.toMatch(/persistentvolumeclaim|namespace byhand/);
      expect(uninstall.data).toEqual({ kept: ['pvc byhand/notes-data'] });
    }
  });
});
