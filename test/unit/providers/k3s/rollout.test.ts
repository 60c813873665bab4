import { describe, expect, it } from 'vitest';
import { podProblem, rolloutOf } from '../../../../src/providers/k3s/rollout.js';
import { deploymentSchema, podSchema, statefulSetSchema } from '../../../../src/providers/k3s/objects.js';

function deployment(status: Record<string, unknown>, generation = 2, replicas = 1) {
  return deploymentSchema.parse({ kind: 'Deployment', metadata: { name: 'web', generation }, spec: { replicas, template: { spec: { containers: [{ name: 'web', image: 'x:1' }] } } }, status });
}

function statefulSet(status: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return statefulSetSchema.parse({ kind: 'StatefulSet', metadata: { name: 'db', generation: 2 }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'db', image: 'postgres:16' }] } }, ...spec }, status });
}

describe('rolloutOf on a StatefulSet: kubectl rollout status rules (StatefulSetStatusViewer)', () => {
  const done = { observedGeneration: 2, replicas: 1, readyReplicas: 1, updatedReplicas: 1, currentRevision: 'db-2', updateRevision: 'db-2' };

  it('done when observed, every replica ready and updated, and the current revision is the update revision', () => {
    expect(rolloutOf(statefulSet(done))).toEqual({ state: 'done' });
  });

  it('waits for the controller to observe the spec (never observed counts too)', () => {
    expect(rolloutOf(statefulSet({ ...done, observedGeneration: 1 }))).toEqual({ state: 'progressing', detail: 'Waiting for statefulset spec update to be observed...' });
    expect(rolloutOf(statefulSet({}))).toMatchObject({ state: 'progressing', detail: expect.stringContaining('spec update to be observed') });
  });

  it('waits for ready pods, then updated pods, then the revisions to meet', () => {
    expect(rolloutOf(statefulSet({ ...done, readyReplicas: 0 }))).toEqual({ state: 'progressing', detail: 'Waiting for 1 pods of statefulset "db" to be ready...' });
    expect(rolloutOf(statefulSet({ ...done, updatedReplicas: 0 }))).toMatchObject({ state: 'progressing', detail: expect.stringContaining('0 out of 1 new pods have been updated') });
    expect(rolloutOf(statefulSet({ ...done, currentRevision: 'db-1' }))).toEqual({ state: 'progressing', detail: 'waiting for statefulset "db" rolling update to complete 1 pods at revision db-2...' });
  });

  it('a partition leaves the pods below it on the old revision: done once those above it are updated', () => {
    const partitioned = statefulSet({ ...done, replicas: 3, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'db-1' }, { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    expect(rolloutOf(partitioned)).toEqual({ state: 'done' });
  });

  it('never "failed": a StatefulSet has no progress deadline (the pod\'s reason says why it waits)', () => {
    expect(rolloutOf(statefulSet({ ...done, readyReplicas: 0, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] })).state).toBe('progressing');
  });
});

describe('rolloutOf: kubectl rollout status rules', () => {
  it('waits until the controller observed the latest generation', () => {
    expect(rolloutOf(deployment({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }))).toMatchObject({ state: 'progressing', detail: expect.stringContaining('spec update to be observed') });
  });
  it('fails on ProgressDeadlineExceeded', () => {
    expect(rolloutOf(deployment({ observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }))).toEqual({ state: 'failed', detail: 'deployment "web" exceeded its progress deadline' });
  });
  it('waits for updated = desired, then no old replicas, then available = updated', () => {
    expect(rolloutOf(deployment({ observedGeneration: 2, replicas: 1, updatedReplicas: 0 }))).toMatchObject({ detail: expect.stringContaining('0 out of 1 new replicas') });
    expect(rolloutOf(deployment({ observedGeneration: 2, replicas: 2, updatedReplicas: 1, availableReplicas: 1 }))).toMatchObject({ detail: expect.stringContaining('1 old replicas are pending termination') });
    expect(rolloutOf(deployment({ observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 0 }))).toMatchObject({ detail: expect.stringContaining('0 of 1 updated replicas are available') });
    expect(rolloutOf(deployment({ observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }))).toEqual({ state: 'done' });
  });
});

function pod(status: Record<string, unknown>) {
  return podSchema.parse({ kind: 'Pod', metadata: { name: 'web-abc-1' }, spec: {}, status });
}

describe('podProblem: the reason when red', () => {
  it('Pending with the scheduler\'s message', () => {
    expect(podProblem(pod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available' }] }))).toBe('Pending: 0/2 nodes are available');
  });
  it('ImagePullBackOff with its message, CrashLoopBackOff with the exit code and restarts', () => {
    const waiting = (reason: string, message: string) => pod({ containerStatuses: [{ name: 'web', ready: false, restartCount: 3, state: { waiting: { reason, message } }, lastState: { terminated: { exitCode: 2 } } }] });
    expect(podProblem(waiting('ImagePullBackOff', 'Back-off pulling image "x:9"'))).toBe('ImagePullBackOff: Back-off pulling image "x:9"');
    expect(podProblem(waiting('CrashLoopBackOff', 'back-off'))).toBe('CrashLoopBackOff: web keeps exiting (exit code 2), 3 restarts');
  });
  it('running but not ready: the readiness probe fails; ready: no problem', () => {
    expect(podProblem(pod({ containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { running: {} } }] }))).toContain('readiness probe fails');
    expect(podProblem(pod({ containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: {} } }] }))).toBeUndefined();
  });
});
