import { describe, expect, it } from 'vitest';
import { parseBridges, parseClusterGuests, parseNextId, parseNodeStatus, parseStorages, parseTemplates } from '../../../../src/providers/proxmox-lxc/parse-node.js';
import { BugError } from '../../../../src/platform/errors.js';
import { pveFixture } from '../../../support/pve-fixtures.js';

describe('node answers from the lab simulator', () => {
  it('node status: cores and available memory', () => {
    expect(parseNodeStatus(pveFixture('lab-sim', 'node-status.json'))).toEqual({ cores: 2, memoryTotalBytes: 25276502016, memoryAvailableBytes: 24052502528 });
  });

  it('cluster resources: only guests, with their node and name', () => {
    expect(parseClusterGuests(pveFixture('lab-sim', 'cluster-resources.json'))).toEqual([{ vmid: 180, type: 'lxc', node: 'lx-pve', name: 'fx-ct', status: 'running' }]);
  });

  it('next id, storages, bridges and templates', () => {
    expect(parseNextId(pveFixture('lab-sim', 'cluster-nextid.json'))).toBe(100);
    expect(parseStorages(pveFixture('lab-sim', 'node-storage.json'))).toEqual([
      { id: 'local', type: 'dir', content: ['vztmpl', 'iso', 'backup', 'rootdir', 'images'], active: true, enabled: true, availBytes: 2144436224, totalBytes: 2147483648 },
    ]);
    expect(parseBridges(pveFixture('lab-sim', 'node-network.json'))).toEqual([{ name: 'vmbr0', active: true, cidr: '10.211.200.1/24' }]);
    expect(parseTemplates(pveFixture('lab-sim', 'storage-content-vztmpl.json'))).toEqual(['local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz']);
  });
});

describe('node answers shaped by the schema where real nodes differ from the simulator', () => {
  it('PVE 8 node status has no memory.available: free memory counts instead', () => {
    expect(parseNodeStatus(pveFixture('schema-returns', 'node-status-pve8.json'))).toEqual({ cores: 16, memoryTotalBytes: 34359738368, memoryAvailableBytes: 4294967296 });
  });

  it('QEMU VMs share the id space; nodes, storages and pools are not guests; string ids become numbers', () => {
    expect(parseClusterGuests(pveFixture('schema-returns', 'cluster-resources-mixed.json')).map((g) => [g.type, g.vmid])).toEqual([
      ['qemu', 100],
      ['lxc', 101],
      ['lxc', 103],
    ]);
  });

  it('nextid as a numeric string', () => {
    expect(parseNextId(pveFixture('schema-returns', 'cluster-nextid-string.json'))).toBe(102);
  });

  it('an inactive or disabled storage has no sizes', () => {
    const storages = parseStorages(pveFixture('schema-returns', 'node-storage-inactive.json'));
    expect(storages.find((s) => s.id === 'nas')).toEqual({ id: 'nas', type: 'nfs', content: ['rootdir', 'backup'], active: false, enabled: true });
    expect(storages.find((s) => s.id === 'old')).toMatchObject({ active: true, enabled: false });
    expect(storages.find((s) => s.id === 'old')).not.toHaveProperty('availBytes');
  });

  it('Open vSwitch bridges count as bridges; ports and bonds do not', () => {
    expect(parseBridges(pveFixture('schema-returns', 'node-network-ovs.json')).map((b) => b.name)).toEqual(['vmbr0', 'vmbr1']);
  });

  it('only vztmpl content is a template', () => {
    expect(parseTemplates(pveFixture('schema-returns', 'storage-content-vztmpl.json'))).toHaveLength(4);
  });
});

describe('answers of another shape are bugs to report, naming what was asked', () => {
  it('not JSON', () => {
    expect(() => parseNextId('400 Parameter verification failed.')).toThrow(new BugError('pvesh answered the next free id with text that is not JSON: 400 Parameter verification failed.'));
  });

  it('a missing field is named by its path', () => {
    expect(() => parseNodeStatus('{"cpuinfo":{"cpus":2}}')).toThrow(/^unexpected answer to the node status: memory: /);
  });
});
