// Adopting a container made by hand: its config read into a fingerprint (captured from the lab's PVE
// simulator), a recipe chosen by --app, tag or hostname, and the record proposed without changing anything.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/platform/errors.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { parseContainerConfig } from '../../../../src/providers/proxmox-lxc/parse-container.js';
import { lxcFingerprint } from '../../../../src/providers/proxmox-lxc/adopt/fingerprint.js';
import { matchLxcRecipe } from '../../../../src/providers/proxmox-lxc/adopt/match-recipe.js';
import { planLxcAdoption } from '../../../../src/providers/proxmox-lxc/adopt/plan-adoption.js';
import { pveshGet } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import { loadCatalog } from '../../../../src/services/catalog/catalog.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { pveFixture } from '../../../support/pve-fixtures.js';

const BY_HAND = parseContainerConfig(pveFixture('lab-sim', 'ct-config-by-hand.json'));

describe('the fingerprint of a container', () => {
  it('reads size, network, storage, mount points and tags from the config', () => {
    expect(lxcFingerprint(190, BY_HAND)).toEqual({
      vmid: 190,
      hostname: 'labapp',
      cores: 2,
      memoryMiB: 96,
      swapMiB: 256,
      disk: '1G',
      storage: 'local',
      network: { bridge: 'vmbr0', ip: '10.211.200.190/24', gateway: '10.211.200.1' },
      mounts: [{ key: 'mp0', hostPath: '/srv/fx-adopt/labapp', guestPath: '/var/lib/labapp', readOnly: false }],
      tags: ['community-script', 'labapp'],
      description: 'made by hand',
      unprivileged: true,
    });
  });

  it('a DHCP container on a VLAN with a storage volume as mount point: no gateway, no bind mount', () => {
    const fp = lxcFingerprint(201, { hostname: 'x', net0: 'name=eth0,bridge=vmbr1,ip=dhcp,tag=20,type=veth', rootfs: 'local-lvm:vm-201-disk-0,size=8G', mp0: 'local-lvm:vm-201-disk-1,mp=/data,size=4G' });
    expect(fp).toMatchObject({ network: { bridge: 'vmbr1', ip: 'dhcp', vlan: 20 }, storage: 'local-lvm', disk: '8G', mounts: [], tags: [], unprivileged: false });
  });
});

describe('matching a recipe to a container', () => {
  it('by its tag: answers read from the config, the data mount kept as not created', async () => {
    const { recipes } = await loadCatalog();
    const match = matchLxcRecipe(recipes, lxcFingerprint(190, BY_HAND));
    expect(match.recipe.id).toBe('labapp');
    expect(match.matchedBy).toBe("the container's tag labapp");
    expect(match.answers).toEqual({ lxc_hostname: 'labapp', lxc_ctid: 190, lxc_cores: 2, lxc_memory: '96M', lxc_disk: '1G', lxc_storage: 'local', lxc_bridge: 'vmbr0', lxc_ip: '10.211.200.190/24', lxc_gateway: '10.211.200.1' });
    expect(match.evidence.lxc_memory).toBe('memory (MiB) in the CT config');
    expect(match.data).toEqual([{ path: '/srv/fx-adopt/labapp', created: false, mount: '/var/lib/labapp' }]);
    expect(match.notes).toEqual([]);
  });

  it('by its hostname when no tag names a recipe; a mount that is not the data is noted', async () => {
    const { recipes } = await loadCatalog();
    const fp = lxcFingerprint(191, { ...BY_HAND, tags: 'community-script', mp0: '/srv/media,mp=/media,ro=1' });
    const match = matchLxcRecipe(recipes, fp);
    expect(match.matchedBy).toBe("the container's hostname labapp");
    expect(match.data).toEqual([]);
    expect(match.notes).toEqual([expect.stringContaining('mp0 (/srv/media at /media) is not one of the recipe'), expect.stringContaining('no mount point holds the app\'s data (/var/lib/labapp)')]);
  });

  it("the recipe's mounts give their answers back (jellyfin's movies_dir)", async () => {
    const { recipes } = await loadCatalog();
    const fp = lxcFingerprint(192, { hostname: 'media', tags: 'jellyfin', mp0: '/tank/movies,mp=/media/movies,ro=1', mp1: '/tank/jf-data,mp=/var/lib/jellyfin' });
    const match = matchLxcRecipe(recipes, fp);
    expect(match.answers.movies_dir).toBe('/tank/movies');
    expect(match.evidence.movies_dir).toBe('mp0 mounts /tank/movies at /media/movies');
    expect(match.data).toEqual([{ path: '/tank/jf-data', created: false, mount: '/var/lib/jellyfin' }]);
  });

  it('--app wins; one without a proxmox-lxc section, an unknown one and no match at all are clear UserErrors', async () => {
    const { recipes } = await loadCatalog();
    const fp = lxcFingerprint(193, { hostname: 'mystery', tags: 'community-script' });
    expect(matchLxcRecipe(recipes, fp, 'labapp').matchedBy).toBe('--app');
    const labapp = recipes.find((r) => r.id === 'labapp');
    if (!labapp) throw new Error('the catalog has no labapp');
    const { 'proxmox-lxc': _lxc, ...composeOnly } = { ...labapp, id: 'compose-only' };
    expect(() => matchLxcRecipe([...recipes, composeOnly], fp, 'compose-only')).toThrow('--app: the recipe compose-only has no proxmox-lxc section, so it cannot describe a container');
    expect(() => matchLxcRecipe(recipes, fp, 'nope')).toThrow('--app: no recipe "nope" in the catalog');
    const none = (() => {
      try {
        matchLxcRecipe(recipes, fp);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(none).toBeInstanceOf(UserError);
    expect((none as UserError).message).toBe('no recipe matches CT 193 hostname mystery; tags community-script: no tag or hostname is a recipe id');
    expect((none as UserError).hint).toContain('--app APP');
  });
});

describe('planning the adoption on a node', () => {
  const list = JSON.stringify([{ vmid: 190, name: 'labapp', status: 'stopped', tags: 'community-script;labapp' }, { vmid: 120, name: 'managed-one', status: 'running' }]);
  const ctx = (runner: FakeRunner) => ({ runner, hostName: 'pve', hostAddress: '10.0.0.2', clock: new FakeClock() });
  const node = (runner: FakeRunner) => runner.expect({ argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true }, { argv: pveshGet('/nodes/lx-pve/lxc'), result: { stdout: list } });
  const managed = { name: 'managed-one', provider: 'proxmox-lxc', refs: { vmid: 120, hostname: 'managed-one' } } as unknown as DeploymentRecord;

  it('proposes the record of a stopped container from its config alone (no exec, no change)', async () => {
    const runner = node(new FakeRunner()).expect(
      { argv: pveshGet('/nodes/lx-pve/lxc/190/config'), result: { stdout: pveFixture('lab-sim', 'ct-config-by-hand.json') } },
      { argv: pveshGet('/nodes/lx-pve/lxc/190/status/current'), result: { stdout: JSON.stringify({ status: 'stopped', name: 'labapp' }) } },
    );
    const { recipes } = await loadCatalog();
    const plan = await planLxcAdoption(ctx(runner), recipes, { name: 'labapp' }, [managed], '2026-12-07T00:00:00.000Z');
    runner.verify();
    expect(plan.record).toMatchObject({ name: 'labapp', app: 'labapp', version: '1', provider: 'proxmox-lxc', refs: { vmid: 190, node: 'lx-pve', hostname: 'labapp', address: '10.211.200.190', service: 'labapp' }, data: [{ path: '/srv/fx-adopt/labapp', created: false }], dataPaths: [] });
    expect(plan.record.probe).toEqual({ kind: 'http', address: '10.211.200.190', port: 8080, path: '/health', expectStatus: 200, bodyContains: 'ok' });
    expect(plan.notes).toContain("version 1 is assumed (the recipe's newest): nothing cheap in the container tells it");
    expect(plan.workload.hint).toBe('adopt it: homelab-tui adopt labapp --host pve (add --app APP when no tag or hostname names the app)');
  });

  it('a running container: the service is checked and the package tells the version (the probe port from the answer default)', async () => {
    const qbt = JSON.stringify([{ vmid: 150, name: 'torrents', status: 'running', tags: 'community-script;qbittorrent' }]);
    const config = JSON.stringify({ hostname: 'torrents', cores: 2, memory: 1024, swap: 512, rootfs: 'local-lvm:vm-150-disk-0,size=4G', net0: 'name=eth0,bridge=vmbr0,ip=dhcp,type=veth', tags: 'community-script;qbittorrent', unprivileged: 1 });
    const runner = new FakeRunner().expect(
      { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' }, repeat: true },
      { argv: pveshGet('/nodes/lx-pve/lxc'), result: { stdout: qbt } },
      { argv: pveshGet('/nodes/lx-pve/lxc/150/config'), result: { stdout: config } },
      { argv: pveshGet('/nodes/lx-pve/lxc/150/status/current'), result: { stdout: JSON.stringify({ status: 'running', name: 'torrents', uptime: 60 }) } },
      { argv: ['pct', 'exec', '150', '--', 'systemctl', 'is-active', 'qbittorrent'], result: { stdout: 'active\n' } },
      { argv: ['pct', 'exec', '150', '--', 'dpkg-query', '-W', '-f', '${Version}', 'qbittorrent-nox'], result: { stdout: '4.5.2-3+deb12u1' } },
    );
    const { recipes } = await loadCatalog();
    const plan = await planLxcAdoption(ctx(runner), recipes, { name: 'torrents' }, [], '2026-12-07T00:00:00.000Z');
    runner.verify();
    expect(plan.record).toMatchObject({ app: 'qbittorrent', version: '4.5.2-3+deb12u1', refs: { address: 'dhcp', service: 'qbittorrent' }, urls: [] });
    expect(plan.record.probe).toMatchObject({ address: 'dhcp', port: 8080 });
    expect(plan.record.answers).toMatchObject({ lxc_ip: 'dhcp', lxc_storage: 'local-lvm', lxc_disk: '4G', lxc_memory: '1024M' });
    expect(plan.record.answers).not.toHaveProperty('lxc_gateway');
    expect(plan.evidence.service).toBe('systemctl is-active qbittorrent in CT 150: active');
    expect(plan.notes[0]).toContain('version 4.5.2-3+deb12u1 (dpkg-query) is not one the recipe lists');
  });

  it('refuses a name already managed, a container of another node and an unknown name, naming what is valid', async () => {
    const { recipes } = await loadCatalog();
    await expect(planLxcAdoption(ctx(node(new FakeRunner())), recipes, { name: 'managed-one' }, [managed], '')).rejects.toThrow('managed-one on pve is already managed: it is deployment managed-one (CT 120)');
    const resources = JSON.stringify([{ id: 'lxc/300', type: 'lxc', vmid: 300, node: 'pve2', name: 'elsewhere', status: 'running' }]);
    const other = node(new FakeRunner()).expect({ argv: pveshGet('/cluster/resources'), result: { stdout: resources }, repeat: true });
    await expect(planLxcAdoption(ctx(other), recipes, { name: 'elsewhere' }, [managed], '')).rejects.toThrow('elsewhere (CT 300) is on node pve2, but --host pve is node lx-pve');
    const unknown = await planLxcAdoption(ctx(node(new FakeRunner()).expect({ argv: pveshGet('/cluster/resources'), result: { stdout: resources } })), recipes, { name: 'nosuch' }, [managed], '').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ message: 'no unmanaged LXC container named "nosuch" on pve (node lx-pve)', hint: expect.stringContaining('unmanaged there: labapp') });
  });
});
