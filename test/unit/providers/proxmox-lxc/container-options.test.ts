import { describe, expect, it } from 'vitest';
import { containerOptions, isOwnedBy, mountOption, netOption } from '../../../../src/providers/proxmox-lxc/container-options.js';
import { pct } from '../../../../src/providers/proxmox-lxc/pve-commands.js';
import { UserError } from '../../../../src/platform/errors.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { pveRefusal } from '../../../support/pve-contract.js';

const TEMPLATE = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst';

describe('pct create options', () => {
  it('labapp with a static address, VLAN and fixed size: every option in a fixed order', async () => {
    const inputs = await shippedLxcInputs('labapp', 'lxc_ip=10.20.0.5/24', 'lxc_gateway=10.20.0.1', 'lxc_vlan=20', 'lxc_storage=local', 'lxc_hostname=lab-1');
    expect(containerOptions({ inputs, deployment: 'lab', swapMiB: 256, sshKeysFile: '/var/lib/homelab-tui/staging/lab/authorized_keys' })).toEqual([
      ['hostname', 'lab-1'],
      ['description', 'homelab-tui deployment lab (labapp 1)'],
      ['tags', 'homelab-tui;labapp'],
      ['cores', 1],
      ['memory', 64],
      ['swap', 256],
      ['rootfs', 'local:1'],
      ['net0', 'name=eth0,bridge=vmbr0,ip=10.20.0.5/24,gw=10.20.0.1,tag=20'],
      ['unprivileged', 1],
      ['onboot', 1],
      ['ssh-public-keys', '/var/lib/homelab-tui/staging/lab/authorized_keys'],
    ]);
  });

  it('DHCP has no gateway; nesting appears only when the recipe needs it', () => {
    expect(netOption({ bridge: 'vmbr1', ip: 'dhcp', gateway: '10.0.0.1' })).toBe('name=eth0,bridge=vmbr1,ip=dhcp');
  });

  it('Jellyfin: movies, tv, music and completed downloads bind-mounted read-only, and PVE 9 and 8 accept the create', async () => {
    const inputs = await shippedLxcInputs('jellyfin', 'downloads_dir=/srv/downloads/complete');
    const options = containerOptions({ inputs, deployment: 'jellyfin', swapMiB: 512 });
    expect(options.filter(([name]) => name.startsWith('mp'))).toEqual([
      ['mp0', '/srv/media/movies,mp=/media/movies,ro=1'],
      ['mp1', '/srv/media/tv,mp=/media/tv,ro=1'],
      ['mp2', '/srv/media/music,mp=/media/music,ro=1'],
      ['mp3', '/srv/downloads/complete,mp=/media/downloads,ro=1'],
    ]);
    const argv = pct.create(120, TEMPLATE, options);
    expect(pveRefusal(argv, '9')).toBeUndefined();
    expect(pveRefusal(argv, '8')).toBeUndefined();
  });

  it('qBittorrent: the downloads tree bind-mounted read-write, and PVE 9 and 8 accept the create', async () => {
    const inputs = await shippedLxcInputs('qbittorrent', 'lxc_ip=192.168.1.50/24', 'lxc_gateway=192.168.1.1');
    const options = containerOptions({ inputs, deployment: 'qbittorrent', swapMiB: 512 });
    expect(options.filter(([name]) => name.startsWith('mp'))).toEqual([['mp0', '/srv/downloads,mp=/downloads']]);
    const argv = pct.create(121, TEMPLATE, options);
    expect(pveRefusal(argv, '9')).toBeUndefined();
    expect(pveRefusal(argv, '8')).toBeUndefined();
  });

  it('the DNS answers become --nameserver and --searchdomain after net0, and PVE 9 and 8 accept them; unanswered, none (PVE copies the node\'s)', async () => {
    const inputs = await shippedLxcInputs('labapp', 'lxc_ip=10.20.0.5/24', 'lxc_gateway=10.20.0.1', 'lxc_nameserver=10.20.0.53', 'lxc_searchdomain=home.arpa');
    const options = containerOptions({ inputs, deployment: 'lab', swapMiB: 512 });
    const net = options.findIndex(([name]) => name === 'net0');
    expect(options.slice(net + 1, net + 3)).toEqual([['nameserver', '10.20.0.53'], ['searchdomain', 'home.arpa']]);
    const argv = pct.create(130, TEMPLATE, options);
    expect(pveRefusal(argv, '9')).toBeUndefined();
    expect(pveRefusal(argv, '8')).toBeUndefined();
    expect(inputs.publicHost).toBeUndefined();
    const plain = containerOptions({ inputs: await shippedLxcInputs('labapp', 'lxc_ip=10.20.0.5/24', 'lxc_gateway=10.20.0.1'), deployment: 'lab', swapMiB: 512 });
    expect(plain.map(([name]) => name)).not.toContain('nameserver');
    expect(plain.map(([name]) => name)).not.toContain('searchdomain');
  });

  it('a nameserver that is no address is refused by the answer check, naming what is valid', async () => {
    await expect(shippedLxcInputs('labapp', 'lxc_ip=10.20.0.5/24', 'lxc_gateway=10.20.0.1', 'lxc_nameserver=dns.example')).rejects.toThrow(/lxc_nameserver/);
  });

  it('a path a property string cannot hold is refused before pct sees it', () => {
    expect(() => mountOption({ hostPath: '/srv/a,b', guestPath: '/x', readOnly: true })).toThrow(UserError);
    expect(() => mountOption({ hostPath: 'srv', guestPath: '/x', readOnly: false })).toThrow('"srv" cannot be a mount point path');
  });

  it('the undo of a create destroys only the container this deployment made', () => {
    const ours = { hostname: 'lab-1', description: 'homelab-tui deployment lab (labapp 1)' };
    expect(isOwnedBy(ours, 'lab', 'lab-1')).toBe(true);
    expect(isOwnedBy(ours, 'lab2', 'lab-1')).toBe(false);
    expect(isOwnedBy({ hostname: 'lab-1' }, 'lab', 'lab-1')).toBe(false);
    expect(isOwnedBy({ ...ours, hostname: 'other' }, 'lab', 'lab-1')).toBe(false);
  });
});
