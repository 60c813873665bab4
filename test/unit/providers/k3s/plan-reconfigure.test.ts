import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { UserError } from '../../../../src/platform/errors.js';
import { adoptedOverlays } from '../../../../src/providers/k3s/adopted-overlay.js';
import { projectOnto, sameSettings } from '../../../../src/providers/k3s/applied-view.js';
import type { K3sInputs } from '../../../../src/providers/k3s/inputs.js';
import { renderManifests, type K8sObject } from '../../../../src/providers/k3s/manifests.js';
import { planK3sReconfigure } from '../../../../src/providers/k3s/plan-reconfigure.js';
import { renderK3sInputs } from '../../../../src/providers/k3s/render.js';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { shippedRecipe } from '../../../support/catalog.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const SETTINGS = { rolloutTimeoutSeconds: 60 } as Parameters<typeof planK3sReconfigure>[3];
const SELECTOR = 'app.kubernetes.io/managed-by=homelab-tui,app.kubernetes.io/instance=tasks';
const BASE = ['public_url=https://tasks.example.com/', 'db_type=sqlite', 'service_secret=kept-secret', 'k3s_namespace=tasks'];

async function inputs(...sets: string[]): Promise<K3sInputs> {
  const recipe = await shippedRecipe('vikunja');
  return renderK3sInputs(recipe, requireComplete(resolveAnswers(recipe, 'k3s', { sets: [...BASE, ...sets] }, { name: 'tasks', generateSecrets: false })));
}

/** An object as the API server gives it back: its defaults added, `false` left out, status and bookkeeping. */
function asServed(object: K8sObject): K8sObject {
  const served = JSON.parse(JSON.stringify(object).replaceAll('"readOnly":false', '"readOnly":null')) as K8sObject & Record<string, unknown>;
  const strip = (v: unknown): unknown => (Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, strip(x)])) : v);
  const out = strip(served) as K8sObject & { spec?: Record<string, unknown> };
  out.metadata = { ...out.metadata, uid: 'u-1', resourceVersion: '42', managedFields: [{ manager: 'homelab-tui' }] } as K8sObject['metadata'];
  if (out.kind === 'Deployment') {
    const spec = out.spec as { template: { spec: { containers: Record<string, unknown>[] } }; strategy: Record<string, unknown> };
    spec.strategy = { ...spec.strategy, ...(spec.strategy.type === 'RollingUpdate' ? { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } : {}) };
    for (const c of spec.template.spec.containers) Object.assign(c, { terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent' });
    Object.assign(out, { status: { replicas: 1, readyReplicas: 1 } });
  }
  if (out.kind === 'Service') out.spec = { ...out.spec, clusterIP: '10.43.0.7', type: 'ClusterIP' };
  return out;
}

const record = (answers: Record<string, unknown>, urls: string[] = []): DeploymentRecord => ({
  schema: 2, name: 'tasks', app: 'vikunja', version: '0.24.6', provider: 'k3s', host: 'k', createdAt: '', updatedAt: '', answers: answers as DeploymentRecord['answers'], secretKeys: ['service_secret'],
  refs: { namespace: 'tasks', services: 'vikunja', main: 'vikunja', probeService: 'vikunja', probePort: 3456, probePath: '/api/v1/info' }, urls, releases: [],
});

function runnerWith(live: readonly K8sObject[]): FakeRunner {
  return new FakeRunner('k').expect({ argv: ['kubectl', 'get', 'deployments,statefulsets,services,ingresses,secrets,configmaps', '-n', 'tasks', '-l', SELECTOR, '-o', 'json'], result: { stdout: JSON.stringify({ items: live }) } });
}

async function plan(before: K3sInputs, after: K3sInputs, live: readonly K8sObject[], urls: string[] = []) {
  const runner = runnerWith(live);
  const r = record({}, urls);
  const proposal = await planK3sReconfigure({ runner, hostName: 'k', hostAddress: 'k', clock: new FakeClock() }, r, { before, after, record: r }, SETTINGS);
  runner.verify();
  return proposal;
}

describe('the applied view of a live object', () => {
  it('a served object with the server\'s defaults holds the same settings as the rendered one', async () => {
    for (const object of renderManifests('tasks', await inputs())) expect(sameSettings(projectOnto(asServed(object), [object]), object), object.kind).toBe(true);
  });

  it('an env entry added by hand stays in the view (a difference worth showing)', () => {
    const rendered = { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] } };
    const live = { spec: { containers: [{ name: 'a', imagePullPolicy: 'Always', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] } };
    expect(projectOnto(live, [rendered])).toEqual({ spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] } });
  });
});

describe('k3s reconfigure of a deployment homelab-tui installed', () => {
  it('the same answers against what runs: no change, no step', async () => {
    const now = await inputs();
    const proposal = await plan(now, now, renderManifests('tasks', now).map(asServed));
    expect(proposal.files).toEqual([]);
    expect(proposal.plan.steps).toEqual([]);
  });

  it('a new public URL: the Deployment\'s env differs, it is applied without its Secret, the old one is applied back on undo', async () => {
    const before = await inputs();
    const after = await inputs('public_url=https://todo.example.com/');
    const live = renderManifests('tasks', before).map(asServed);
    const proposal = await plan(before, after, live);
    expect(proposal.files.map((f) => f.path)).toEqual(['Deployment/vikunja in namespace tasks']);
    expect(proposal.files[0]?.before).toContain('value: https://tasks.example.com/');
    expect(proposal.files[0]?.after).toContain('value: https://todo.example.com/');
    expect(proposal.files[0]?.before).not.toContain('imagePullPolicy');
    expect(proposal.plan.steps.map((s) => s.id)).toEqual(['apply', 'gate', 'record']);
    expect(proposal.interrupts).toEqual(['apply', 'gate']);
    const apply = proposal.plan.steps[0]?.actions[0];
    const stdin = apply?.kind === 'run' ? String(apply.command.stdin) : '';
    expect(stdin).toContain('https://todo.example.com/');
    expect(stdin).not.toContain('"kind":"Secret"');
    expect(stdin).not.toContain('kept-secret');
    const undo = proposal.plan.steps[0]?.undo?.find((a) => a.kind === 'run');
    expect(undo?.kind === 'run' ? String(undo.command.stdin) : '').toContain('https://tasks.example.com/');
  });

  it('an Ingress host added is created (undo deletes it); emptied, the Ingress is deleted (undo applies it back) and the URL goes', async () => {
    const plain = await inputs();
    const routed = await inputs('k3s_ingress_host=tasks.lan');
    const added = await plan(plain, routed, renderManifests('tasks', plain).map(asServed));
    expect(added.files).toEqual([expect.objectContaining({ path: 'Ingress/tasks in namespace tasks', before: '' })]);
    expect(added.plan.steps[0]?.undo?.[0]).toMatchObject({ kind: 'run', command: { argv: ['kubectl', 'delete', 'ingress/tasks', '-n', 'tasks', '--ignore-not-found'] } });
    expect(added.interrupts).toEqual([]);
    const removed = await plan(routed, plain, renderManifests('tasks', routed).map(asServed), ['http://tasks.lan/']);
    expect(removed.files).toEqual([expect.objectContaining({ path: 'Ingress/tasks in namespace tasks', after: '' })]);
    expect(removed.plan.steps[0]?.actions).toEqual([expect.objectContaining({ kind: 'run', command: expect.objectContaining({ argv: ['kubectl', 'delete', 'ingress/tasks', '-n', 'tasks', '--ignore-not-found'] }) })]);
    const recordStep = removed.plan.steps.find((s) => s.id === 'record');
    expect(recordStep?.recordChange).toMatchObject({ kind: 'write', record: { urls: [] } });
  });

  it('refuses a new storage class (the data is on its PVCs) and a new namespace, before reading the cluster', async () => {
    const now = await inputs();
    await expect(plan(now, await inputs('k3s_storage_class=fast'), [])).rejects.toThrow(/a data volume \(its PVC, storage class or size\) cannot be changed in place; nothing was changed/);
    await expect(plan(now, { ...now, namespace: 'other' }, [])).rejects.toThrow(/the namespace cannot be changed in place/);
  });
});

describe('k3s reconfigure of an adopted workload', () => {
  const live: K8sObject[] = [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'notes', namespace: 'adoptme' }, spec: { template: { spec: { containers: [{ name: 'web', image: 'localhost/local/labapp:1', env: [{ name: 'GREETING', value: 'hi' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] } } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'notes-in', namespace: 'adoptme' }, spec: { rules: [{ host: 'notes.lan', http: { paths: [] } }] } },
  ];
  const adopted = [{ service: 'labapp', kind: 'Deployment', name: 'notes', selector: { app: 'notes' } }];
  const service = { name: 'labapp', image: 'local/labapp:1', env: { GREETING: 'hello', TZ: 'UTC', TOKEN: 'x' }, secretEnv: ['TOKEN'], ports: [], volumes: [] } as unknown as K3sInputs['services'][number];
  const after = { services: [service], ingress: { host: 'notes.home', service: 'labapp', port: 8080 } } as unknown as K3sInputs;
  const r = record({});

  it('sets the answers\' env in its own container and the host of its own Ingress; names, Secret refs and the rest stay', () => {
    const [workload, ingress] = adoptedOverlays(r, adopted, ['Service/notes-web', 'Ingress/notes-in'], live, after);
    const env = (workload?.wanted as unknown as { spec: { template: { spec: { containers: { env: unknown[] }[] } } } }).spec.template.spec.containers[0]?.env;
    expect(env).toEqual([{ name: 'GREETING', value: 'hello' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'TZ', value: 'UTC' }]);
    expect(workload?.wanted.metadata.name).toBe('notes');
    expect(JSON.stringify(ingress?.wanted)).toContain('"host":"notes.home"');
    expect(JSON.stringify(live[1])).toContain('"host":"notes.lan"');
  });

  it('refuses to add an Ingress it does not have, and to delete the one it has', () => {
    expect(() => adoptedOverlays(r, adopted, ['Service/notes-web'], live, after)).toThrow(UserError);
    const { ingress: _i, ...none } = after as K3sInputs & { ingress?: unknown };
    expect(() => adoptedOverlays(r, adopted, ['Ingress/notes-in'], live, none as K3sInputs)).toThrow(/is not deleted by reconfigure/);
  });
});
