import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { listRecords, recordPath, removeRecord, writeRecord } from '../../../../src/platform/deployments/record-store.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';

const runner = new LocalRunner();

function record(name: string): DeploymentRecord {
  return {
    schema: 1,
    name,
    app: 'labapp',
    version: '1',
    provider: 'compose',
    host: 'docker1',
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:00:00Z',
    answers: { port: 8080, note: 'multi\nline' },
    secretKeys: ['jwt'],
    refs: { project: name, dir: `/opt/homelab-tui/${name}` },
    urls: ['http://10.200.1.2:8080'],
    releases: [{ version: '1', at: '2026-11-22T10:00:00Z', artifact: 'local/labapp:1' }],
  };
}

describe('deployment records on a host', () => {
  it('writes records (mode 0600) and lists them back in one call', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-rec-')), 'deployments');
    await writeRecord(runner, record('app1'), dir);
    await writeRecord(runner, record('app2'), dir);
    expect((await stat(recordPath('app1', dir))).mode & 0o777).toBe(0o600);
    const { records, broken } = await listRecords(runner, dir);
    expect(records.map((r) => r.name).sort()).toEqual(['app1', 'app2']);
    expect(records[0]?.answers.note).toBe('multi\nline');
    expect(broken).toEqual([]);
  });

  it('reports broken files instead of skipping them silently', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-rec-')), 'deployments');
    await writeRecord(runner, record('good'), dir);
    await writeFile(join(dir, 'bad.json'), '{"schema": 1, "name": "bad"}\n');
    await writeFile(join(dir, 'junk.json'), 'not json\n');
    const { records, broken } = await listRecords(runner, dir);
    expect(records.map((r) => r.name)).toEqual(['good']);
    expect(broken.map((b) => b.path.split('/').pop()).sort()).toEqual(['bad.json', 'junk.json']);
    expect(broken.find((b) => b.path.endsWith('junk.json'))?.problem).toMatch(/^not JSON/);
  });

  it('joins a record written over several lines; an empty file is broken; a directory named *.json is not a record', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-rec-')), 'deployments');
    await writeRecord(runner, record('one'), dir);
    await writeFile(join(dir, 'pretty.json'), `${JSON.stringify(record('pretty'), null, 2)}\n`);
    await writeFile(join(dir, 'empty.json'), '');
    await mkdir(join(dir, 'folder.json'));
    await writeRecord(runner, record('two'), dir);
    const { records, broken } = await listRecords(runner, dir);
    expect(records.map((r) => r.name).sort()).toEqual(['one', 'pretty', 'two']);
    expect(records.find((r) => r.name === 'pretty')?.answers.note).toBe('multi\nline');
    expect(broken.map((b) => b.path.split('/').pop())).toEqual(['empty.json']);
  });

  it('lists nothing for a host that has no records yet, and removes a record', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-rec-')), 'deployments');
    expect(await listRecords(runner, dir)).toEqual({ records: [], broken: [] });
    await writeRecord(runner, record('app1'), dir);
    await removeRecord(runner, 'app1', dir);
    expect((await listRecords(runner, dir)).records).toEqual([]);
  });

  it('refuses to write an invalid record', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hl-rec-')), 'deployments');
    await expect(writeRecord(runner, { ...record('x'), name: 'Bad Name' }, dir)).rejects.toThrow();
  });
});
