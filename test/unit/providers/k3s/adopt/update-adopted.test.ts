import { describe, expect, it } from 'vitest';
import { planK3sUpdate } from '../../../../../src/providers/k3s/plan-update.js';
import type { DeploymentRecord } from '../../../../../src/platform/deployments/deployment-record.js';
import { FakeRunner } from '../../../../support/fake-runner.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import { NAMESPACE_LIST } from './k3s-fixtures.js';

const record: DeploymentRecord = {
  schema: 2, name: 'notes', app: 'labapp', version: '1', provider: 'k3s', host: 'k3s', createdAt: '', updatedAt: '', answers: {}, secretKeys: [], urls: [], releases: [],
  refs: { namespace: 'byhand', services: 'notes', main: 'notes', probeService: 'notes-web', probePort: 80, probePath: '/health', adoptedWorkloads: 'labapp=Deployment/notes', adoptedSelectors: 'app=notes', adoptedObjects: 'Service/notes-web,Ingress/notes', adoptedClaims: 'notes-data' },
};

describe('update of an adopted k3s workload', () => {
  it("reads the objects its record names (not by label), and gives the recipe service's new image to the workload that runs it", async () => {
    const runner = new FakeRunner('k3s').expect({ argv: ['kubectl', 'get', 'deployments,statefulsets,services,ingresses,secrets,configmaps', '-n', 'byhand', '-o', 'json'], result: { stdout: JSON.stringify(NAMESPACE_LIST) } });
    const steps = await planK3sUpdate({ runner, hostName: 'k3s', hostAddress: '10.0.0.9', clock: new FakeClock(0) }, record, { from: '1', to: '2', images: { labapp: 'local/labapp:2' }, restoreData: [] } as never, { rolloutTimeoutSeconds: 5, helperImage: 'busybox' } as never);
    expect(steps.changes).toEqual(['notes: local/labapp:1 -> local/labapp:2']);
    const apply = steps.apply.actions.find((a) => a.kind === 'run');
    const applied = JSON.parse(String(apply?.kind === 'run' ? apply.command.stdin : '')) as { items: { kind: string; metadata: { name: string } }[] };
    expect(applied.items.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/notes', 'Service/notes-web', 'Ingress/notes']);
    runner.verify();
  });
});
