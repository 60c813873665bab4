import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { applicable, replaceStuckStatefulPods, withImages } from '../../../../src/providers/k3s/plan-update.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { bytesOf, cpuCores } from '../../../../src/providers/k3s/quantities.js';
import { k8sSchemaErrors } from '../../../support/k8s-schemas.js';

const readBack = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'labapp', namespace: 'k1', uid: 'u', resourceVersion: '7', generation: 3, creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'homelab-tui' }], annotations: { 'deployment.kubernetes.io/revision': '2' }, labels: { a: 'b' } },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'labapp', image: 'local/labapp:1' }] } } },
  status: { replicas: 1 },
};

describe('k3s update: the applied set', () => {
  it('an object read back loses what the server sets, and is valid to apply again', () => {
    const object = applicable(readBack);
    expect(object).not.toHaveProperty('status');
    expect(object.metadata).toEqual({ name: 'labapp', namespace: 'k1', labels: { a: 'b' } });
    expect(k8sSchemaErrors(object)).toEqual([]);
  });

  it('withImages changes only the listed workloads\' images and says what changed', () => {
    const before = [applicable(readBack), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'labapp' } }];
    const { objects, changes } = withImages(before, { labapp: 'local/labapp:2', other: 'x:1' });
    expect(changes).toEqual(['labapp: local/labapp:1 -> local/labapp:2']);
    expect(JSON.stringify(objects[0])).toContain('local/labapp:2');
    expect(JSON.stringify(before[0])).toContain('local/labapp:1');
    expect(objects[1]).toBe(before[1]);
  });

  it('withImages changes a StatefulSet\'s image too (a database server) and names it, for the rollback', () => {
    const sts = applicable({ ...readBack, kind: 'StatefulSet', metadata: { ...readBack.metadata, name: 'db' }, spec: { ...readBack.spec, serviceName: 'db-headless', template: { ...readBack.spec.template, spec: { containers: [{ name: 'db', image: 'local/labapp:1' }] } } } });
    expect(k8sSchemaErrors(sts)).toEqual([]);
    const { objects, changes, statefulSets } = withImages([applicable(readBack), sts], { labapp: 'local/labapp:2', db: 'local/labapp:2' });
    expect(changes).toEqual(['labapp: local/labapp:1 -> local/labapp:2', 'db: local/labapp:1 -> local/labapp:2']);
    expect(statefulSets).toEqual(['db']);
    expect(JSON.stringify(objects[1])).toContain('local/labapp:2');
    expect(withImages([sts], { db: 'local/labapp:1' }).statefulSets).toEqual([]);
  });
});

describe('k3s rollback of a StatefulSet ("forced rollback")', () => {
  const record: DeploymentRecord = { schema: 2, name: 'app1', app: 'labdb', version: '1', provider: 'k3s', host: 'k', createdAt: '', updatedAt: '', answers: {}, secretKeys: [], refs: { namespace: 'app1', services: 'labapp,db,cache', main: 'labapp', probeService: 'labapp', probePort: 8080 }, urls: [], releases: [] };
  const selector = 'app.kubernetes.io/managed-by=homelab-tui,app.kubernetes.io/instance=app1';
  /** Runs the forced rollback's action on the fake runner: the lines it printed. */
  const forcedRollback = async (runner: FakeRunner, on: DeploymentRecord): Promise<string[]> => {
    const action = replaceStuckStatefulPods({ runner, hostName: 'k', hostAddress: 'k', clock: new FakeClock() }, on);
    if (action.kind !== 'call') throw new Error('a call action');
    const lines: string[] = [];
    await action.run({ signal: new AbortController().signal, output: (l) => lines.push(l) });
    return lines;
  };
  const sts = (name: string, status: Record<string, unknown>) => ({ kind: 'StatefulSet', metadata: { name, generation: 2 }, spec: { replicas: 1, template: { spec: { containers: [{ name, image: 'x:1' }] } } }, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, ...status } });

  it('deletes the pods of a StatefulSet not rolled out to the old template (its broken pod is never replaced otherwise), and leaves a rolled-out one alone', async () => {
    const runner = new FakeRunner('k').expect(
      {
        argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-n', 'app1', '-l', selector, '-o', 'json'],
        result: { stdout: JSON.stringify({ items: [sts('db', { readyReplicas: 0, currentRevision: 'db-1', updateRevision: 'db-1' }), sts('cache', { readyReplicas: 1, currentRevision: 'cache-1', updateRevision: 'cache-1' })] }) },
      },
      { argv: ['kubectl', 'delete', 'pods', '-n', 'app1', '-l', `${selector},app.kubernetes.io/component=db`, '--ignore-not-found'], result: { stdout: 'pod "db-0" deleted\n' } },
    );
    expect(await forcedRollback(runner, record)).toEqual(['pod "db-0" deleted']);
    runner.verify();
  });

  it('an adopted StatefulSet (its maker\'s labels, not homelab-tui\'s) is found by name and its pods deleted by its own selector', async () => {
    const adoptedRecord: DeploymentRecord = { ...record, refs: { namespace: 'app1', services: 'pg', main: 'pg', probeService: 'pg', probePort: 5432, adoptedWorkloads: 'db=StatefulSet/pg', adoptedSelectors: 'app=pg;tier=db' } };
    const pod = { kind: 'Pod', metadata: { name: 'pg-0', labels: { app: 'pg', tier: 'db' } }, spec: { containers: [{ name: 'pg', image: 'x:1' }] } };
    const runner = new FakeRunner('k').expect(
      { argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-n', 'app1', '-o', 'json'], result: { stdout: JSON.stringify({ items: [sts('pg', { readyReplicas: 0, currentRevision: 'pg-1', updateRevision: 'pg-2' }), pod] }) } },
      { argv: ['kubectl', 'delete', 'pods', '-n', 'app1', '-l', 'app=pg,tier=db', '--ignore-not-found'], result: { stdout: 'pod "pg-0" deleted\n' } },
    );
    expect(await forcedRollback(runner, adoptedRecord)).toEqual(['pod "pg-0" deleted']);
    runner.verify();
  });
});

describe('quantities', () => {
  it('CPU and bytes as Kubernetes writes them', () => {
    expect(cpuCores('2')).toBe(2);
    expect(cpuCores('1500m')).toBe(1.5);
    expect(bytesOf('4010852Ki')).toBe(4010852 * 1024);
    expect(bytesOf('64M')).toBe(64e6);
    expect(bytesOf('1Gi')).toBe(1024 ** 3);
    expect(bytesOf('lots')).toBeNaN();
  });
});
