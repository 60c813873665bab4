import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { listRecordsCommand } from '../../../../src/platform/deployments/record-store.js';
import { UserError } from '../../../../src/platform/errors.js';
import { cacheRecord, readHostCache, uncacheRecord } from '../../../../src/services/lifecycle/deployment-cache.js';
import { findDeployment, listHostDeployments } from '../../../../src/services/lifecycle/find.js';
import type { HostAccess } from '../../../../src/services/lifecycle/host-access.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const rec = (name: string, host: string): DeploymentRecord => ({ schema: 1, name, app: 'labapp', version: '1', provider: 'compose', host, createdAt: 'c', updatedAt: 'u', answers: {}, secretKeys: [], refs: {}, urls: [], releases: [] });
const listing = (...records: DeploymentRecord[]) => records.map((r) => `/var/lib/homelab-tui/deployments/${r.name}.json\t${JSON.stringify(r)}\n`).join('');

/** Hosts by name: a FakeRunner that lists these records, or `down` (opening fails as an unreachable host does). */
function hostsOf(spec: Record<string, DeploymentRecord[] | 'down'>): HostAccess & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    names: () => Object.keys(spec),
    open: async (name) => {
      opened.push(name);
      const records = spec[name];
      if (records === 'down' || records === undefined) throw new UserError(`cannot connect to ${name}: connection refused`, 'check the address');
      return { name, address: name, runner: new FakeRunner(name).expect({ argv: listRecordsCommand().argv, result: { stdout: listing(...records) }, repeat: true }) };
    },
    close: async () => undefined,
  };
}

const clock = new FakeClock(Date.parse('2026-11-22T10:00:00Z'));

describe('listHostDeployments', () => {
  it('reads each host, caches what it said, and falls back to the cache for a host that does not answer', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    await listHostDeployments(hostsOf({ a: [rec('one', 'a')], b: [rec('two', 'b')] }), ['a', 'b'], cacheDir, clock);
    const [a, b] = await listHostDeployments(hostsOf({ a: [rec('one', 'a'), rec('three', 'a')], b: 'down' }), ['a', 'b'], cacheDir, clock);
    expect(a).toMatchObject({ host: 'a', broken: [] });
    expect(a?.records.map((r) => r.name)).toEqual(['one', 'three']);
    expect(b).toMatchObject({ host: 'b', error: { message: 'cannot connect to b: connection refused', hint: 'check the address' }, cachedAt: '2026-11-22T10:00:00.000Z' });
    expect(b?.records.map((r) => r.name)).toEqual(['two']);
  });
});

describe('findDeployment', () => {
  it('asks every host, so a stale cache never picks one of several: the same name on two hosts needs --host (exit 2)', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    await cacheRecord(cacheDir, rec('app', 'b'), new Date());
    const refused = (await findDeployment(hostsOf({ a: [rec('app', 'a')], b: [rec('app', 'b')], c: [] }), 'app', { cacheDir, clock }).catch((e: unknown) => e)) as UserError;
    expect(refused.message).toBe('"app" exists on 2 hosts: a, b');
    expect(refused.hint).toBe('say which: --host a or --host b');
    expect(refused.exitCode).toBe(2);
    await expect(findDeployment(hostsOf({ a: [] }), 'nope', { cacheDir, clock })).rejects.toThrow('no deployment named "nope" on any host');
    expect((await findDeployment(hostsOf({ a: [rec('app', 'a')], b: [rec('app', 'b')] }), 'app', { host: 'b', cacheDir, clock })).handle.name).toBe('b');
  });

  it('a host that does not answer but is cached with the name counts: one answer and one silent copy still need --host', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    await cacheRecord(cacheDir, rec('app', 'b'), new Date());
    await expect(findDeployment(hostsOf({ a: [rec('app', 'a')], b: 'down' }), 'app', { cacheDir, clock })).rejects.toThrow('"app" exists on 2 hosts: a, b (did not answer; as cached)');
    await expect(findDeployment(hostsOf({ a: [], b: 'down' }), 'app', { cacheDir, clock })).rejects.toThrow('"app" was last seen on b, which did not answer');
    const found = await findDeployment(hostsOf({ a: [], b: [rec('app', 'b')] }), 'app', { cacheDir, clock });
    expect([found.handle.name, found.record.name]).toEqual(['b', 'app']);
  });

  it('uncaching after an uninstall forgets the deployment', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    await cacheRecord(cacheDir, rec('app', 'a'), new Date());
    await uncacheRecord(cacheDir, 'a', 'app', new Date());
    expect((await readHostCache(cacheDir, 'a'))?.records).toEqual([]);
  });
});
