import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepareReconfigure } from '../../../../src/services/reconfigure/prepare-reconfigure.js';
import { loadCatalog } from '../../../../src/services/catalog/catalog.js';
import { RECORD_SCHEMA, type DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import type { OpenDeployment } from '../../../../src/services/lifecycle/lifecycle.js';
import type { ProviderRegistry } from '../../../../src/providers/registry.js';
import type { Provider } from '../../../../src/providers/provider.js';
import type { BoundReconfigure } from '../../../../src/providers/reconfigure.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { UserError } from '../../../../src/platform/errors.js';

const CATALOG = fileURLToPath(new URL('../../../e2e/compose/reconfigure-catalog', import.meta.url));
const record: DeploymentRecord = {
  schema: RECORD_SCHEMA, name: 'web', app: 'labtag', version: '1', provider: 'compose', host: 'docker', createdAt: 'x', updatedAt: 'x',
  answers: { version: '1', build: '1', port: 8080, data_dir: '/srv/web/data', compose_project: 'web' }, secretKeys: [], refs: {}, urls: [], releases: [],
};

/** A provider whose proposal rewrites one file from the answers' port. */
function deployment(runner: FakeRunner, seen: { next?: DeploymentRecord } = {}, extra: Partial<DeploymentRecord> = {}): OpenDeployment {
  const provider = { id: 'compose', label: 'Docker/Podman compose', planUninstall: async () => { throw new Error('no'); }, status: async () => { throw new Error('no'); }, logs: async function* () {}, planReconfigure: async () => { throw new Error('bound'); } } as unknown as Provider;
  const reconfigure: BoundReconfigure = (_recipe, before, after) => ({
    before: {} as never,
    after: {} as never,
    async plan(_ctx, _record, next) {
      seen.next = next;
      return { plan: { kind: 'reconfigure', deployment: 'web', host: 'docker', provider: 'compose', app: 'labtag', steps: [{ id: 'files', title: 'write', actions: [] }], secrets: [] }, files: [{ path: '/opt/web/compose.yaml', before: `ports: ${before.port}`, after: `ports: ${after.port}` }], actions: ['recreate app'], preflight: [{ status: 'ok', label: 'port free' }] };
    },
  });
  const handle = { name: 'docker', address: '10.0.0.2', runner };
  return { handle, record: { ...record, ...extra }, entry: { provider, install: () => { throw new Error('no'); }, reconfigure }, ctx: { runner, hostName: 'docker', hostAddress: '10.0.0.2', clock: new FakeClock() } } as unknown as OpenDeployment;
}

async function deps(resolve?: (name: string) => Promise<string[]>) {
  return { catalog: await loadCatalog(CATALOG), registry: {} as ProviderRegistry, clock: new FakeClock(1_000), ...(resolve ? { resolve } : {}) };
}

describe('prepareReconfigure', () => {
  it('gives the answers diff, the file diff, the actions, and the record to write (answers changed, updatedAt from the clock)', async () => {
    const seen: { next?: DeploymentRecord } = {};
    const prepared = await prepareReconfigure(deployment(new FakeRunner('docker'), seen), { sets: ['port=8081'] }, await deps());
    expect(prepared.answers).toEqual([{ id: 'port', label: 'Host port', before: 8080, after: 8081, secret: false }]);
    expect(prepared.files).toEqual([{ path: '/opt/web/compose.yaml', lines: [{ op: '-', text: 'ports: 8080' }, { op: '+', text: 'ports: 8081' }] }]);
    expect(prepared.actions).toEqual(['recreate app']);
    expect(prepared.blocked).toBe(false);
    expect(seen.next).toMatchObject({ answers: { port: 8081, build: '1' }, updatedAt: new Date(1_000).toISOString() });
  });

  it('a changed domain that does not resolve to the host is a warning, not a refusal', async () => {
    const runner = new FakeRunner('docker').expect({ argv: ['sh', '-c', 'ip -o -4 addr show 2>/dev/null || hostname -I 2>/dev/null || true'], result: { stdout: 'inet 10.0.0.2/24' } });
    const prepared = await prepareReconfigure(deployment(runner), { sets: ['domain=app.example.org'] }, await deps(async () => ['192.0.2.9']));
    expect(prepared.preflight).toContainEqual(expect.objectContaining({ status: 'warn', label: 'domain: app.example.org', detail: expect.stringContaining('resolves to 192.0.2.9') }));
    expect(prepared.blocked).toBe(false);
  });

  it('an interrupted operation waits: refused with resume and undo (exit 1)', async () => {
    const interrupted = deployment(new FakeRunner('docker'), {}, { operation: { id: 'op', kind: 'update', startedAt: 'x', by: { user: 'u', machine: 'm', pid: 1, tool: 't' }, steps: [] } });
    const error = await prepareReconfigure(interrupted, { sets: ['port=8081'] }, await deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).hint).toContain('homelab-tui undo web --host docker');
  });
});
