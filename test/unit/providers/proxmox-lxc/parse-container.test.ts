import { describe, expect, it } from 'vitest';
import {
  bindMountsOf,
  isMissingContainer,
  parseContainerConfig,
  parseContainerState,
  parseGuestIpv4,
  parseSnapshots,
} from '../../../../src/providers/proxmox-lxc/parse-container.js';
import { pveFixture } from '../../../support/pve-fixtures.js';

describe('container answers', () => {
  it('a running container: uptime and memory', () => {
    expect(parseContainerState(pveFixture('lab-sim', 'ct-status-running.json'))).toEqual({
      status: 'running',
      name: 'fx-ct',
      uptimeSeconds: 17,
      memoryBytes: 0,
      maxMemoryBytes: 134217728,
      cpus: 1,
      cpuPercent: 0,
    });
  });

  it("CPU in percent of one core, as docker says it: Proxmox's cpu share times the container's cpus", () => {
    const answer = (cpu: number, cpus: number, status = 'running') => JSON.stringify({ status, cpu, cpus, uptime: 5, mem: 1048576 });
    expect(parseContainerState(answer(0.25, 2)).cpuPercent).toBe(50);
    expect(parseContainerState(answer(0.0123, 1)).cpuPercent).toBe(1.2);
    expect(parseContainerState(answer(0.5, 2, 'stopped'))).not.toHaveProperty('cpuPercent');
  });

  it('a stopped container reports no memory in use', () => {
    expect(parseContainerState(pveFixture('lab-sim', 'ct-status-stopped.json'))).not.toHaveProperty('memoryBytes');
    expect(parseContainerState(pveFixture('schema-returns', 'ct-status-minimal.json'))).toEqual({ status: 'stopped', uptimeSeconds: 0 });
  });

  it('snapshots without the "current" entry', () => {
    expect(parseSnapshots(pveFixture('lab-sim', 'ct-snapshots.json'))).toEqual([{ name: 'before_update', description: 'homelab-tui: before update', snaptime: 1795349718 }]);
    expect(parseSnapshots(pveFixture('schema-returns', 'ct-snapshots-none.json'))).toEqual([]);
  });

  it("the guest's IPv4 address on eth0, never loopback", () => {
    expect(parseGuestIpv4(pveFixture('lab-sim', 'ct-interfaces.json'))).toBe('10.211.200.180');
    expect(parseGuestIpv4('[{"name":"lo","ip-addresses":[{"ip-address":"127.0.0.1","ip-address-type":"inet"}]}]')).toBeUndefined();
    expect(parseGuestIpv4('[{"name":"eth0","ip-addresses":[{"ip-address":"fe80::1","ip-address-type":"inet6"}]},{"name":"eth1","ip-addresses":[{"ip-address":"192.168.9.4","ip-address-type":"inet"}]}]')).toBe('192.168.9.4');
  });

  it('bind mounts from the config: host path, guest path, read-only; volumes on storages are not bind mounts', () => {
    const config = parseContainerConfig(pveFixture('lab-sim', 'ct-config.json'));
    expect(config.memory).toBe('128');
    expect(bindMountsOf(config)).toEqual([{ key: 'mp0', hostPath: '/tmp', guestPath: '/media/x', readOnly: true }]);
    expect(bindMountsOf({ mp1: 'local-lvm:vm-100-disk-1,mp=/data,size=8G', mp0: 'volume=/srv/dl,mp=/downloads' })).toEqual([
      { key: 'mp0', hostPath: '/srv/dl', guestPath: '/downloads', readOnly: false },
    ]);
  });

  it('a missing container is told apart from other failures by pct\'s message', () => {
    expect(isMissingContainer(pveFixture('lab-sim', 'pct-status-missing.stderr.txt'))).toBe(true);
    expect(isMissingContainer("CT 181 is locked (backup)\n")).toBe(false);
  });
});
