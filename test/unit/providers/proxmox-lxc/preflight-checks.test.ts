import { describe, expect, it } from 'vitest';
import { judgeMounts, parseMountProbe } from '../../../../src/providers/proxmox-lxc/mount-checks.js';
import type { NodeFacts } from '../../../../src/providers/proxmox-lxc/node-facts.js';
import { parseBridges, parseClusterGuests, parseNodeStatus, parseStorages, parseTemplates } from '../../../../src/providers/proxmox-lxc/parse-node.js';
import { checkNodeFacts, checkRootLogin, checkStorage } from '../../../../src/providers/proxmox-lxc/preflight-checks.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { pveFixture } from '../../../support/pve-fixtures.js';

/** The lab node as the simulator described it (2 cores, about 22.4 GiB available, storage "local" with 2 GiB). */
const labNode: NodeFacts = {
  node: 'lx-pve',
  capacity: parseNodeStatus(pveFixture('lab-sim', 'node-status.json')),
  guests: parseClusterGuests(pveFixture('lab-sim', 'cluster-resources.json')),
  nextId: 100,
  storages: parseStorages(pveFixture('lab-sim', 'node-storage.json')),
  bridges: parseBridges(pveFixture('lab-sim', 'node-network.json')),
  templates: parseTemplates(pveFixture('lab-sim', 'storage-content-vztmpl.json')),
};

const labapp = (...sets: string[]) => shippedLxcInputs('labapp', 'lxc_storage=local', 'lxc_ip=10.211.200.120/24', 'lxc_gateway=10.211.200.1', ...sets);

describe('preflight on what the node reported', () => {
  it('all ✓ for the lab app on the lab node, naming the id and template it will take', async () => {
    const items = checkNodeFacts(labNode, await labapp());
    expect(items.map((i) => [i.status, i.label])).toEqual([
      ['ok', 'Memory'],
      ['ok', 'CPU cores'],
      ['ok', 'Storage local'],
      ['ok', 'Bridge vmbr0'],
      ['ok', 'Container id'],
      ['ok', 'Template'],
    ]);
    expect(items[4]?.detail).toBe('CT 100, the next free id in the cluster');
    expect(items[5]?.detail).toBe('local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz');
  });

  it("more memory than the node has is refused with the node's free memory and the recipe's minimum", async () => {
    const [memory] = checkNodeFacts(labNode, await labapp('lxc_memory=64G'));
    expect(memory).toEqual({
      status: 'fail',
      label: 'Memory',
      detail: '65536 MiB requested, but node lx-pve has 22938 MiB free',
      hint: 'ask for less (lxc_memory): labapp needs at least 64 MiB',
    });
  });

  it('too many cores, a missing bridge and a fixed id that clashes block', async () => {
    const items = checkNodeFacts(labNode, await labapp('lxc_cores=4', 'lxc_bridge=vmbr9', 'lxc_ctid=180'));
    expect(items.filter((i) => i.status === 'fail').map((i) => [i.label, i.detail, i.hint])).toEqual([
      ['CPU cores', '4 cores requested, but node lx-pve has 2', 'ask for at most 2 (lxc_cores); labapp needs at least 1'],
      ['Bridge vmbr9', 'node lx-pve has no bridge "vmbr9"', 'set lxc_bridge to one of: vmbr0'],
      ['Container id', 'id 180 is taken by CT 180 "fx-ct" on node lx-pve', 'choose another lxc_ctid, or leave it empty to take the next free id (100)'],
    ]);
  });

  it('a Debian recipe without a Debian template, with DHCP', async () => {
    const items = checkNodeFacts(labNode, await shippedLxcInputs('jellyfin', 'lxc_storage=local'));
    expect(items.find((i) => i.label === 'Template')).toMatchObject({ status: 'fail', detail: 'the node has no Debian container template', hint: expect.stringContaining('pveam download local debian-12-standard') });
    expect(items.find((i) => i.label === 'Storage local')).toMatchObject({ status: 'fail', detail: '8 GiB requested, but "local" has 2.0 GiB free' });
    expect(items.find((i) => i.label === 'Internet access')).toBeUndefined();
  });

  it('packages to download over a static address without a gateway is a warning', async () => {
    const inputs = await shippedLxcInputs('jellyfin', 'lxc_ip=10.0.0.5/24', 'lxc_gateway=10.0.0.1');
    const items = checkNodeFacts(labNode, { ...inputs, network: { bridge: 'vmbr0', ip: '10.0.0.5/24' } });
    expect(items.find((i) => i.label === 'Internet access')).toEqual({ status: 'warn', label: 'Internet access', detail: 'jellyfin downloads packages, but 10.0.0.5/24 has no gateway', hint: 'set lxc_gateway, or use dhcp' });
  });

  it('storage: unknown, not for containers, inactive, too small', async () => {
    const inputs = await labapp();
    const storages = parseStorages(pveFixture('schema-returns', 'node-storage-inactive.json'));
    const facts = { ...labNode, storages };
    const at = (storage: string, diskGiB = 1) => checkStorage(facts, { ...inputs, resources: { ...inputs.resources, storage, diskGiB } });
    expect(at('zfs')).toMatchObject({ status: 'fail', detail: 'node lx-pve has no storage "zfs"', hint: 'set lxc_storage; storages for containers on lx-pve: local-lvm, nas, old' });
    expect(at('local')).toMatchObject({ status: 'fail', detail: '"local" does not hold container volumes (content: vztmpl, iso, backup)' });
    expect(at('nas')).toMatchObject({ status: 'fail', detail: '"nas" is not active on lx-pve' });
    expect(at('local-lvm', 500)).toMatchObject({ status: 'fail', detail: '500 GiB requested, but "local-lvm" has 279.4 GiB free', hint: 'free space on "local-lvm" or pick another storage; labapp needs at least 1 GiB' });
    expect(at('local-lvm', 8)).toEqual({ status: 'ok', label: 'Storage local-lvm', detail: '8 GiB of 279.4 GiB free' });
  });
});

describe('bind mounts', () => {
  it('parses the probe: owner per existing directory, nothing for a missing one', () => {
    const probe = parseMountProbe('/srv/media/movies\t0 0\n/srv/odd path\t100000 100000\n/srv/none\tmissing\n');
    expect([...probe]).toEqual([
      ['/srv/media/movies', { uid: 0, gid: 0 }],
      ['/srv/odd path', { uid: 100000, gid: 100000 }],
      ['/srv/none', undefined],
    ]);
  });

  it('Jellyfin: a missing read-only library blocks; existing ones pass', async () => {
    const inputs = await shippedLxcInputs('jellyfin');
    const items = judgeMounts(inputs, parseMountProbe('/srv/media/movies\t0 0\n/srv/media/tv\t0 0\n/srv/media/music\tmissing\n'));
    expect(items.map((i) => i.status)).toEqual(['ok', 'ok', 'fail']);
    expect(items[2]).toEqual({ status: 'fail', label: 'Mount /srv/media/music → /media/music (read-only)', detail: '/srv/media/music does not exist on the node', hint: 'create it on the node, or leave that folder question empty' });
  });

  it("qBittorrent: a missing downloads tree will be created for the container's root; a root-owned one it cannot write warns with the chown", async () => {
    const inputs = await shippedLxcInputs('qbittorrent');
    expect(judgeMounts(inputs, parseMountProbe('/srv/downloads\tmissing\n'))[0]).toMatchObject({ status: 'ok', detail: "/srv/downloads will be created for the container's root (uid 100000 on the node)" });
    expect(judgeMounts(inputs, parseMountProbe('/srv/downloads\t0 0\n'))[0]).toMatchObject({ status: 'warn', hint: 'give it to the container\'s root: chown 100000:100000 /srv/downloads' });
    expect(judgeMounts(inputs, parseMountProbe('/srv/downloads\t100000 100000\n'))[0]).toMatchObject({ status: 'ok' });
  });
});

describe('login', () => {
  it('root passes; any other uid is refused with how to connect', () => {
    expect(checkRootLogin(0, 'pve')).toEqual({ status: 'ok', label: 'Login', detail: 'root on pve' });
    expect(checkRootLogin(1000, 'pve')).toEqual({ status: 'fail', label: 'Login', detail: 'pct and pvesh need root, but the login on pve is uid 1000', hint: 'connect to Proxmox VE nodes as root (host option --user root)' });
  });
});
