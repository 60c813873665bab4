import { describe, expect, it } from 'vitest';
import { readK3sStatus, startK3sSharedReads } from '../../../../src/providers/k3s/read-status.js';
import { createReadingScope } from '../../../../src/platform/reading-scope.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { FakeClock } from '../../../support/fake-clock.js';

const labels = (name: string) => ({ 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'web' });

function workloads(names: string[], ready: (name: string) => boolean) {
  return {
    kind: 'List',
    items: names.flatMap((name) => [
      { kind: 'Deployment', metadata: { name: 'web', namespace: name, generation: 1, labels: labels(name) }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } } }, status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: ready(name) ? 1 : 0, availableReplicas: ready(name) ? 1 : 0 } },
      {
        kind: 'Pod',
        metadata: { name: `web-1-${name}`, namespace: name, labels: labels(name) },
        spec: {},
        status: ready(name)
          ? { conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] }
          : { containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "web:9"' } } }] },
      },
    ]),
  };
}

function record(name: string): DeploymentRecord {
  return { schema: 2, name, app: 'web', version: '1', provider: 'k3s', host: 'k', createdAt: '', updatedAt: '', answers: {}, secretKeys: [], refs: { namespace: name, services: 'web', main: 'web', probeService: 'web', probePort: 80, probePath: '/health', probeBody: 'ok' }, urls: [], releases: [] };
}

describe('k3s status', () => {
  it('50 deployments on one host cost one kubectl call for their workloads and probes (the pods\' readiness); each gets its own verdict and reason', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `app-${i}`);
    const runner = new FakeRunner('k').expect(
      { argv: ['kubectl', 'top', 'pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '--no-headers'], result: { stdout: 'app-0   web-1-app-0   12m   5Mi\n' } },
      { argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '-o', 'json'], result: { stdout: JSON.stringify(workloads(names, (n) => n !== 'app-7')) } },
    );
    const clock = new FakeClock(1000);
    const ctx = { runner, hostName: 'k', hostAddress: '10.0.0.1', clock };
    const statuses = await Promise.all(names.map((n) => readK3sStatus(ctx, record(n))));
    runner.verify();
    // One for the workloads, one for metrics-server's figures (CPU and memory per service).
    expect(runner.calls).toHaveLength(2);
    expect(statuses[0]?.services[0]).toMatchObject({ cpuPercent: 1.2, memoryBytes: 5 * 1024 ** 2 });
    expect(statuses[1]?.services[0]).not.toHaveProperty('cpuPercent');
    expect(statuses.filter((s) => s.health === 'healthy')).toHaveLength(49);
    expect(statuses[7]).toMatchObject({ health: 'unhealthy', reason: 'ImagePullBackOff: Back-off pulling image "web:9"', probe: { ok: false } });
    // The app probe is the readinessProbe the kubelet runs (same path and port), read from the same call.
    expect(statuses[0]?.probe).toMatchObject({ ok: true, output: 'readiness probe (GET /health on port 80) passes on pod web-1-app-0' });
  });

  it('within a host reading (its scope) one workloads read and one top serve every deployment, even batches that start long after they answered; startSharedReads begins both', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `app-${i}`);
    const runner = new FakeRunner('k').expect(
      { argv: ['kubectl', 'top', 'pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '--no-headers'], result: { stdout: '' } },
      { argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '-o', 'json'], result: { stdout: JSON.stringify(workloads(names, () => true)) } },
    );
    const clock = new FakeClock(1000);
    const ctx = { runner, hostName: 'k', hostAddress: '10.0.0.1', clock, reading: createReadingScope() };
    startK3sSharedReads(ctx);
    expect(runner.calls).toHaveLength(2);
    for (let batch = 0; batch < names.length; batch += 4) {
      clock.advance(5000);
      const statuses = await Promise.all(names.slice(batch, batch + 4).map((n) => readK3sStatus(ctx, record(n))));
      expect(statuses.map((s) => s.health)).toEqual(['healthy', 'healthy', 'healthy', 'healthy']);
    }
    expect(runner.calls).toHaveLength(2);
    runner.verify();
  });

  it('a shared read slower than a second still serves every status that starts while it runs, and for a second after it answered', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const answers: Array<(stdout: string) => void> = [];
    // Counts the workloads' reads; metrics-server is absent here (top fails at once: no figures).
    const runner = { host: 'k', calls: 0, run(command: { argv: string[] }): Promise<{ exitCode: number; stdout: string; stderr: string }> {
      if (command.argv[1] === 'top') return Promise.resolve({ exitCode: 1, stdout: '', stderr: 'error: Metrics API not available' });
      this.calls += 1;
      return new Promise((done) => answers.push((stdout) => done({ exitCode: 0, stdout, stderr: '' })));
    } };
    const clock = new FakeClock(1000);
    const ctx = { runner: runner as unknown as FakeRunner, hostName: 'k', hostAddress: '10.0.0.1', clock };
    const first = readK3sStatus(ctx, record('a'));
    clock.advance(5000);
    const second = readK3sStatus(ctx, record('b'));
    await Promise.resolve();
    answers[0]?.(JSON.stringify(workloads(names, () => true)));
    expect((await Promise.all([first, second])).map((s) => s.health)).toEqual(['healthy', 'healthy']);
    expect(runner.calls).toBe(1);
    clock.advance(500);
    expect((await readK3sStatus(ctx, record('c'))).health).toBe('healthy');
    expect(runner.calls).toBe(1);
    clock.advance(2000);
    const fourth = readK3sStatus(ctx, record('d'));
    await Promise.resolve();
    expect(runner.calls).toBe(2);
    answers[1]?.(JSON.stringify(workloads(names, () => true)));
    expect((await fourth).health).toBe('healthy');
  });

  it('a database server\'s StatefulSet counts as its service: healthy when rolled out; while its pod crash-loops the deployment is degraded with the pod\'s reason', async () => {
    const db = { 'app.kubernetes.io/managed-by': 'homelab-tui', 'app.kubernetes.io/instance': 'tasks', 'app.kubernetes.io/component': 'db' };
    const list = (dbReady: boolean) => ({
      kind: 'List',
      items: [
        ...workloads(['tasks'], () => true).items,
        { kind: 'StatefulSet', metadata: { name: 'db', namespace: 'tasks', generation: 1, labels: db }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'db', image: 'postgres:16' }] } } }, status: { observedGeneration: 1, replicas: 1, readyReplicas: dbReady ? 1 : 0, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-1' } },
        {
          kind: 'Pod',
          metadata: { name: 'db-0', namespace: 'tasks', labels: db },
          spec: {},
          status: dbReady
            ? { conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'db', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] }
            : { containerStatuses: [{ name: 'db', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } }] },
        },
      ],
    });
    const rec = { ...record('tasks'), refs: { ...record('tasks').refs, services: 'web,db' } };
    for (const dbReady of [true, false]) {
      const runner = new FakeRunner('k').expect(
        { argv: ['kubectl', 'top', 'pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '--no-headers'], result: { exitCode: 1, stderr: 'error: Metrics API not available' } },
        { argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '-o', 'json'], result: { stdout: JSON.stringify(list(dbReady)) } },
      );
      const status = await readK3sStatus({ runner, hostName: 'k', hostAddress: '10.0.0.1', clock: new FakeClock(1000) }, rec);
      if (dbReady) {
        expect(status).toMatchObject({ health: 'healthy', services: [{ name: 'web', health: 'healthy' }, { name: 'db', state: 'running', health: 'healthy', image: 'postgres:16' }] });
      } else {
        expect(status).toMatchObject({ health: 'degraded', reason: 'CrashLoopBackOff: db keeps exiting (exit code 1), 4 restarts', services: [{ name: 'web', health: 'healthy' }, { name: 'db', state: 'restarting', health: 'unhealthy', restarts: 4 }] });
      }
    }
  });
});
