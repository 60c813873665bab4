import { describe, expect, it } from 'vitest';
import { createdParents, otherOwners, ownedData, pathsOverlap } from '../../../../src/platform/deployments/data-ownership.js';
import { parseDataProbe, removeCreatedActions } from '../../../../src/platform/deployments/data-probe.js';
import { planDataRemoval } from '../../../../src/platform/deployments/data-removal.js';
import { deploymentRecordSchema, type DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const record = (name: string, extra: Partial<DeploymentRecord> = {}): DeploymentRecord =>
  deploymentRecordSchema.parse({ schema: 2, name, app: 'labapp', version: '1', provider: 'compose', host: 'docker', createdAt: 'x', updatedAt: 'x', answers: {}, refs: {}, ...extra });

describe('data ownership', () => {
  it('a record of an older build (dataPaths only) still loads; its folders count as created', () => {
    expect(ownedData(record('old', { dataPaths: ['/srv/old/data'] }))).toEqual([{ path: '/srv/old/data', created: true }]);
    expect(ownedData(record('new', { data: [{ path: '/srv/x', created: false }], dataPaths: [] }))).toEqual([{ path: '/srv/x', created: false }]);
  });

  it('paths overlap when equal or nested, not when they only share a prefix', () => {
    expect(pathsOverlap('/srv/a', '/srv/a/')).toBe(true);
    expect(pathsOverlap('/srv/a/data', '/srv/a')).toBe(true);
    expect(pathsOverlap('/srv/a', '/srv/ab')).toBe(false);
  });

  it('names the other deployment that owns a path, never the deployment itself', () => {
    const records = [record('one', { data: [{ path: '/srv/one/data', created: true }] }), record('two', { data: [{ path: '/srv/shared', created: false }] })];
    expect(otherOwners(records, 'one', ['/srv/one/data', '/srv/shared/sub', '/srv/three'])).toEqual([{ path: '/srv/shared/sub', owner: 'two', ownerPath: '/srv/shared' }]);
  });

  it('the folders a creation added above a path, deepest first', () => {
    expect(createdParents({ path: '/srv/a/b/data', created: true, root: '/srv/a' })).toEqual(['/srv/a/b', '/srv/a']);
    expect(createdParents({ path: '/srv/a/data', created: false, root: '/srv/a' })).toEqual([]);
  });

  it('parses the probe: existing (holding files or empty) and missing with the topmost folder to make', () => {
    expect(parseDataProbe('/srv/x\t1\t1\t\n/srv/e\t1\t0\t\n/srv/n/data\t0\t0\t/srv/n\n')).toEqual([
      { path: '/srv/x', exists: true, holdsFiles: true },
      { path: '/srv/e', exists: true, holdsFiles: false },
      { path: '/srv/n/data', exists: false, holdsFiles: false, root: '/srv/n' },
    ]);
  });

  it('removal touches only created folders: all of them, or only while empty', () => {
    const entries = [{ path: '/srv/n/data', created: true, root: '/srv/n' }, { path: '/srv/old', created: false }];
    expect(removeCreatedActions(entries, { all: true }).map((a) => (a.kind === 'run' ? a.command.argv : []))).toEqual([
      ['rm', '-rf', '--', '/srv/n/data'],
      ['sh', '-c', expect.any(String), 'sh', '/srv/n'],
    ]);
    expect(removeCreatedActions(entries, { all: false }).map((a) => (a.kind === 'run' ? a.command.argv.slice(3) : []))).toEqual([['sh', '/srv/n/data', '/srv/n']]);
    expect(removeCreatedActions([{ path: '/srv/old', created: false }], { all: true })).toEqual([]);
  });
});

describe('planDataRemoval', () => {
  const mine = record('two', { data: [{ path: '/srv/two/data', created: true, root: '/srv/two' }, { path: '/srv/one/data', created: true }, { path: '/srv/kept', created: false }] });
  const listing = (records: DeploymentRecord[]) => records.map((r) => `/var/lib/homelab-tui/deployments/${r.name}.json\t${JSON.stringify(r)}`).join('\n');

  it('--purge deletes only what this deployment created and no other record references', async () => {
    const one = record('one', { data: [{ path: '/srv/one/data', created: true }] });
    const runner = new FakeRunner('docker').expect({ argv: listRecordsCommand().argv, result: { stdout: listing([one, mine]) } });
    const removal = await planDataRemoval(runner, mine, true);
    expect(removal.removed).toEqual(['/srv/two/data']);
    expect(removal.kept).toEqual(['/srv/one/data', '/srv/kept']);
    expect(removal.step?.actions[0]).toMatchObject({ kind: 'run', command: { argv: ['rm', '-rf', '--', '/srv/two/data'] } });
    expect(removal.notes).toContain('/srv/one/data stays: the deployment "one" uses /srv/one/data');
    expect(removal.notes).toContain('/srv/kept stays: it held files before this deployment used it');
  });

  it('without --purge keeps the data, says where, and removes created folders only while empty', async () => {
    const runner = new FakeRunner('docker').expect({ argv: listRecordsCommand().argv, result: { stdout: listing([mine]) } });
    const removal = await planDataRemoval(runner, mine, false);
    expect(removal.removed).toEqual([]);
    expect(removal.kept).toEqual(['/srv/two/data', '/srv/one/data', '/srv/kept']);
    expect(removal.step?.actions.map((a) => (a.kind === 'run' ? a.command.argv.slice(0, 2) : []))).toEqual([['sh', '-c']]);
    expect(removal.notes[0]).toContain('the data stays in /srv/two/data, /srv/one/data, /srv/kept');
  });
});
