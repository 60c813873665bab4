// The contract check the e2e tests run over every pct/pvesh call must be able to fail: proved here
// once for an unknown option, a bad value, an option PVE 8 lacks, and an unknown command or path.
import { describe, expect, it } from 'vitest';
import { pct, pveshGet } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import { contractViolations, pveCalls, pveRefusal } from '../../../support/pve-contract.js';

const create = pct.create(150, 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', [
  ['hostname', 'web-1'],
  ['memory', 512],
  ['net0', 'name=eth0,bridge=vmbr0,ip=dhcp'],
]);

describe('the PVE contract check', () => {
  it('accepts what the provider builds, for PVE 9 and 8', () => {
    const calls = [create, pct.start(150), pct.exec(150, ['sh', '-c', 'true']), pct.push(150, '/tmp/a', '/etc/a', '0600'), pct.shutdown(150, 60), pct.destroy(150, { force: true, purge: true })];
    calls.push(pct.snapshot(150, 'pre_update', 'homelab-tui: labapp 1 (lab)'), pct.rollback(150, 'pre_update', true), pct.delsnapshot(150, 'pre_update'));
    calls.push(pveshGet('/cluster/nextid', [['vmid', 150]]), pveshGet('/nodes/pve/storage/local/content', [['content', 'vztmpl']]), pveshGet('/nodes/pve/lxc/150/interfaces'));
    expect(contractViolations(calls)).toEqual([]);
  });

  it('fails when an unknown option is added, with pct\'s own message, for both versions', () => {
    const bad = [...create, '--homelab', '1'];
    expect(pveRefusal(bad, '9')).toBe('Unknown option: homelab\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]\n');
    expect(contractViolations([bad])).toEqual([
      'PVE 9: ' + bad.join(' ') + ' → Unknown option: homelab\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]',
      'PVE 8: ' + bad.join(' ') + ' → Unknown option: homelab\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]',
    ]);
  });

  it('fails for a value the schema refuses', () => {
    expect(pveRefusal(pct.create(150, 'local:vztmpl/x.tar.gz', [['net0', 'name=eth0,bridge=vmbr0,ip=300.1.1.1/24']]), '9')).toContain('400 Parameter verification failed.\nnet0: ');
    expect(pveRefusal(pct.snapshot(150, 'before update', 'x'), '9')).toContain("snapname: invalid format - invalid configuration ID 'before update'");
  });

  it('fails for what only PVE 9 has, on PVE 8', () => {
    const pve9only = pct.create(150, 'local:vztmpl/x.tar.gz', [['net0', 'name=eth0,bridge=vmbr0,ip=dhcp,host-managed=1']]);
    expect(pveRefusal(pve9only, '9')).toBeUndefined();
    expect(pveRefusal(pve9only, '8')).toContain('net0: ');
  });

  it('fails for an unknown command or API path, and checks pvesh options too', () => {
    expect(pveRefusal(['pct', 'reboot', '150'], '9')).toBe("unknown command 'pct reboot'\n");
    expect(pveRefusal(['pvesh', 'get', '/nodes/pve/qemu', '--output-format', 'json'], '9')).toBe("No 'get' handler defined for '/nodes/pve/qemu'\n");
    expect(pveRefusal(['pvesh', 'get', '/cluster/resources', '--type', 'container'], '9')).toContain("type: value 'container' does not have a value in the enumeration");
    expect(pveRefusal(['pvesh', 'get', '/cluster/nextid', '--output-format', 'xml'], '9')).toContain("output-format: value 'xml' does not have a value in the enumeration");
  });

  it('looks only at pct and pvesh calls', () => {
    expect(pveCalls([['uname', '-n'], pct.start(150), ['sh', '-c', 'x'], pveshGet('/nodes')])).toEqual([pct.start(150), pveshGet('/nodes')]);
  });
});
