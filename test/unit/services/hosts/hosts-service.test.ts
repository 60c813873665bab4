import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/platform/clock.js';
import type { Inventory } from '../../../../src/platform/config/inventory.js';
import { cacheHostRecords } from '../../../../src/services/lifecycle/deployment-cache.js';
import { createHostsService } from '../../../../src/services/hosts/hosts-service.js';
import { newRecord } from '../../../support/deployment-records.js';
import { PROBE_ARGV } from '../../../../src/platform/hosts/host-probe.js';
import { FakeRunner } from '../../../support/fake-runner.js';

function service() {
  const dir = mkdtempSync(join(tmpdir(), 'hl-hosts-service-'));
  const changes: Inventory[] = [];
  const hosts = createHostsService({
    hostsFile: join(dir, 'hosts.yaml'),
    cacheDir: join(dir, 'cache'),
    runnerFor: () => {
      throw new Error('no runner in this test');
    },
    clock: systemClock,
    onChange: (inventory) => changes.push(inventory),
  });
  return { dir, hosts, changes, file: join(dir, 'hosts.yaml') };
}

describe('the hosts service (the hosts screen and the CLI share the inventory file)', () => {
  it('adds, edits in place (keeping what the form does not show) and removes, writing hosts.yaml with mode 0600', async () => {
    const { hosts, changes, file } = service();
    await hosts.add({ name: 'nas', address: '10.0.0.7', user: 'admin', port: 2222 });
    await hosts.add({ name: 'pve', address: '10.0.0.8' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await hosts.edit('nas', { name: 'nas2', address: '10.0.0.9' });
    expect(await hosts.list()).toEqual([
      { name: 'local', kind: 'local', address: '' },
      { name: 'nas2', kind: 'ssh', address: '10.0.0.9' },
      { name: 'pve', kind: 'ssh', address: '10.0.0.8' },
    ]);
    await hosts.remove('pve');
    expect(readFileSync(file, 'utf8')).not.toContain('pve');
    expect(changes.map((c) => c.hosts.map((h) => h.name))).toEqual([['nas'], ['nas', 'pve'], ['nas2', 'pve'], ['nas2']]);
  });

  it('refuses bad input with the field named and leaves the file as it was', async () => {
    const { hosts, file } = service();
    await hosts.add({ name: 'nas', address: '10.0.0.7' });
    const before = readFileSync(file, 'utf8');
    await expect(hosts.add({ name: 'nas', address: '10.0.0.8' })).rejects.toThrow('a host named "nas" already exists');
    await expect(hosts.edit('nas', { name: 'bad name', address: '10.0.0.8' })).rejects.toThrow(/invalid host name/);
    await expect(hosts.remove('local')).rejects.toThrow('the built-in host "local" cannot be removed');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('names the deployments last seen on a host', async () => {
    const { hosts, dir } = service();
    await cacheHostRecords(join(dir, 'cache'), 'nas', [newRecord('labapp', { app: 'labapp', version: '1' }, 'compose', 'nas'), newRecord('jellyfin', { app: 'jellyfin', version: '10' }, 'compose', 'nas')], new Date(0));
    expect(await hosts.deploymentsOn('nas')).toEqual(['jellyfin', 'labapp']);
    expect(await hosts.deploymentsOn('pve')).toEqual([]);
  });

  it('a new host key is news once: the check that accepted it says so, a later check finds it known', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-hosts-service-'));
    const runner = new FakeRunner('nas').expect({ argv: PROBE_ARGV, result: { stdout: 'os.id=debian\nuser=root\nuid=0\narch=x86_64\n' }, repeat: true });
    const hosts = createHostsService({ hostsFile: join(dir, 'hosts.yaml'), cacheDir: join(dir, 'cache'), runnerFor: () => runner, clock: systemClock, accepted: new Set(['nas']) });
    await hosts.add({ name: 'nas', address: '10.0.0.7' });
    expect((await hosts.check('nas')).hostKey).toBe('accepted');
    expect((await hosts.check('nas')).hostKey).toBe('known');
  });
});
