import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentStatus, Provider } from '../../../../src/providers/provider.js';
import type { ProviderRegistry } from '../../../../src/providers/registry.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';
import { UserError } from '../../../../src/platform/errors.js';
import { readStatuses } from '../../../../src/services/install/manage-deployments.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { recordOf } from '../../../support/fleet-doubles.js';

const listing = (...records: DeploymentRecord[]) => records.map((r) => `/var/lib/homelab-tui/deployments/${r.name}.json\t${JSON.stringify(r)}\n`).join('');

describe('readStatuses', () => {
  it('reports a deployment it cannot read as unknown with the reason, and still reads the others', async () => {
    const records = [recordOf('tasks', { host: 'nas' }), recordOf('media', { host: 'nas', provider: 'k3s' })];
    const runner = new FakeRunner('nas').expect({ argv: listRecordsCommand().argv, result: { stdout: listing(...records) } });
    const healthy: DeploymentStatus = { deployment: 'tasks', health: 'healthy', services: [] };
    const registry: ProviderRegistry = {
      ids: ['compose'],
      entry: (id) => {
        if (id !== 'compose') throw new UserError('the k3s provider (k3s) is not available in this version of homelab-tui', 'available: compose');
        return { provider: { status: async () => healthy } as unknown as Provider, install: () => { throw new Error('not used'); } };
      },
    };
    const hosts = { names: () => ['nas'], open: async (name: string) => ({ name, address: '10.0.0.2', runner }), close: async () => undefined };
    const { rows } = await readStatuses({ hosts, registry, clock: new FakeClock(), cacheDir: mkdtempSync(join(tmpdir(), 'hl-cache-')) }, ['nas']);
    expect(rows.map((r) => [r.record.name, r.status.health])).toEqual([
      ['tasks', 'healthy'],
      ['media', 'unknown'],
    ]);
    expect(rows[1]?.status).toMatchObject({ reason: 'the k3s provider (k3s) is not available in this version of homelab-tui', hint: 'available: compose' });
  });
});
