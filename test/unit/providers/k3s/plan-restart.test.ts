import { describe, expect, it } from 'vitest';
import { k3sSettingsSchema } from '../../../../src/platform/config/k3s-settings.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { planK3sRestart } from '../../../../src/providers/k3s/plan-restart.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const record: DeploymentRecord = { schema: 2, name: 'tasks', app: 'vikunja', version: '2.5.0', provider: 'k3s', host: 'k', createdAt: '', updatedAt: '', answers: {}, secretKeys: [], refs: { namespace: 'tasks', services: 'vikunja,db,redis', main: 'vikunja', probeService: 'vikunja', probePort: 3456 }, urls: [], releases: [] };
const workload = (kind: string, name: string) => ({ kind, metadata: { name }, spec: { template: { spec: { containers: [{ name, image: 'x:1' }] } } } });

describe('k3s restart plan', () => {
  it('restarts each workload by its kind as the cluster holds it: the database server\'s StatefulSet as statefulset/db; one not there is named as a Deployment', async () => {
    const runner = new FakeRunner('k').expect({
      argv: ['kubectl', 'get', 'deployments,statefulsets,pods', '-n', 'tasks', '-l', 'app.kubernetes.io/managed-by=homelab-tui,app.kubernetes.io/instance=tasks', '-o', 'json'],
      result: { stdout: JSON.stringify({ items: [workload('Deployment', 'vikunja'), workload('StatefulSet', 'db')] }) },
    });
    const plan = await planK3sRestart({ runner, hostName: 'k', hostAddress: 'k', clock: new FakeClock() }, record, undefined, k3sSettingsSchema.parse({}));
    const restart = plan.steps[0]?.actions.map((a) => (a.kind === 'run' ? a.command.argv.slice(1, 4).join(' ') : a.kind));
    expect(restart).toEqual(['rollout restart deployment/vikunja', 'rollout restart statefulset/db', 'rollout restart deployment/redis']);
    runner.verify();
  });
});
