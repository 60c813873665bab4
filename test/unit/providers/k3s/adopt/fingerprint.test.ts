import { describe, expect, it } from 'vitest';
import { parseWorkloadFingerprint } from '../../../../../src/providers/k3s/adopt/fingerprint.js';
import { NAMESPACE_LIST } from './k3s-fixtures.js';

describe('the fingerprint of a k3s workload made by hand', () => {
  it('reads its image, ports, env (a Secret named, not read), PVC with size and class, the Service in front and the Ingress to it', () => {
    expect(parseWorkloadFingerprint(JSON.stringify(NAMESPACE_LIST), 'byhand', 'notes')).toEqual({
      kind: 'Deployment',
      namespace: 'byhand',
      name: 'notes',
      selector: { app: 'notes' },
      containers: [
        {
          name: 'web',
          image: 'local/labapp:1',
          ports: [{ name: 'web', container: 8080, protocol: 'tcp' }],
          env: [{ name: 'GREETING', value: 'hi' }, { name: 'TOKEN', secret: { name: 'notes-secrets', key: 'token' } }],
          mounts: [{ volume: 'data', path: '/data' }],
        },
      ],
      claims: [{ volume: 'data', claim: 'notes-data', size: '64M', storageClass: 'local-path' }],
      services: [{ name: 'notes-web', ports: [{ name: 'http', port: 80, target: 'web' }] }],
      ingresses: [{ name: 'notes', host: 'notes.lab', service: 'notes-web' }],
    });
  });

  it('leaves out Services that select other pods, and has no Ingress when none routes to its Services', () => {
    const fp = parseWorkloadFingerprint(JSON.stringify(NAMESPACE_LIST), 'byhand', 'other');
    expect(fp).toMatchObject({ name: 'other', services: [{ name: 'other', ports: [{ port: 9000, target: 9000 }] }], ingresses: [], claims: [] });
  });

  it('is undefined for a workload that is not there, and a problem for output it cannot read', () => {
    expect(parseWorkloadFingerprint(JSON.stringify(NAMESPACE_LIST), 'byhand', 'nope')).toBeUndefined();
    expect(parseWorkloadFingerprint('Error from server', 'byhand', 'notes')).toEqual({ problem: 'kubectl printed something that is not JSON' });
  });
});
