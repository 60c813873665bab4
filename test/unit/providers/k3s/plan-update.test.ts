import { describe, expect, it } from 'vitest';
import { applicable, withImages } from '../../../../src/providers/k3s/plan-update.js';
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
