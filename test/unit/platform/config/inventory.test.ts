import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/platform/errors.js';
import { addHost, allHosts, findHost, loadInventory, removeHost, saveInventory } from '../../../../src/platform/config/inventory.js';

describe('inventory', () => {
  it('always has the built-in local host, even without a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-inv-'));
    const inventory = await loadInventory(join(dir, 'hosts.yaml'));
    expect(allHosts(inventory).map((h) => h.name)).toEqual(['local']);
    expect(findHost(inventory, 'local').kind).toBe('local');
  });

  it('adds, saves (mode 0600), reloads and removes a host', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-inv-'));
    const file = join(dir, 'hosts.yaml');
    const added = addHost({ hosts: [] }, { name: 'nas', address: '10.0.0.2', port: 2222, user: 'admin', tags: ['media'] });
    await saveInventory(file, added);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('address: 10.0.0.2');
    const loaded = await loadInventory(file);
    expect(findHost(loaded, 'nas')).toMatchObject({ kind: 'ssh', address: '10.0.0.2', port: 2222, user: 'admin' });
    expect(removeHost(loaded, 'nas').hosts).toEqual([]);
  });

  it('refuses duplicates, the reserved name local, bad names and unknown hosts with a hint', () => {
    const inventory = addHost({ hosts: [] }, { name: 'nas', address: 'a' });
    expect(() => addHost(inventory, { name: 'nas', address: 'b' })).toThrow(/already exists/);
    expect(() => addHost(inventory, { name: 'local', address: 'b' })).toThrow(/built-in host/);
    expect(() => addHost(inventory, { name: 'bad name!', address: 'b' })).toThrow(/name/);
    expect(() => removeHost(inventory, 'local')).toThrow(UserError);
    try {
      findHost(inventory, 'nope');
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).hint).toContain('known hosts: local, nas');
    }
  });
});
