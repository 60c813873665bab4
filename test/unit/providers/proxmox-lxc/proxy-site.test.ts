import { describe, expect, it } from 'vitest';
import { lxcProxySettingsSchema } from '../../../../src/platform/config/proxy-settings.js';
import { proxmoxLxcSettingsSchema } from '../../../../src/platform/config/proxmox-lxc-settings.js';
import { UserError } from '../../../../src/platform/errors.js';
import { lxcProxyInstall, lxcProxyRemoval } from '../../../../src/providers/proxmox-lxc/proxy-site.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';

const caddy = lxcProxySettingsSchema.parse({ kind: 'caddy', caddy: { tls: 'internal' } });
const SITE = '/var/lib/homelab-tui/proxy/caddy/sites/qb.caddy';

describe('the managed Caddy for Proxmox containers', () => {
  it('settings: no proxy unless asked; a bad kind is refused with its path', () => {
    expect(proxmoxLxcSettingsSchema.parse({}).proxy.kind).toBe('none');
    expect(proxmoxLxcSettingsSchema.safeParse({ proxy: { kind: 'nginx' } }).error?.issues[0]?.path).toEqual(['proxy', 'kind']);
  });

  it('an app with a domain and a static address gets a site to the container\'s address and web port, an https URL and refs', async () => {
    const inputs = await shippedLxcInputs('qbittorrent', 'lxc_ip=192.168.1.50/24', 'lxc_gateway=192.168.1.1', 'domain=torrents.home.arpa', 'lxc_searchdomain=home.arpa');
    expect(inputs.publicHost).toBe('torrents.home.arpa');
    const site = lxcProxyInstall(inputs, 'qb', caddy);
    expect(site?.url).toBe('https://torrents.home.arpa/');
    expect(site?.refs).toEqual({ proxy: 'caddy', proxyDir: '/var/lib/homelab-tui/proxy/caddy', proxySite: SITE });
    const written = site?.step.actions.find((a) => a.kind === 'write' && a.path === SITE);
    expect(written?.kind === 'write' ? written.content : '').toContain('torrents.home.arpa {\n\treverse_proxy 192.168.1.50:8080\n}');
    expect(site?.note).toContain('/var/lib/homelab-tui/proxy/caddy/data/pki/authorities/local/root.crt');
    expect(site?.step.undo?.[0]).toEqual({ kind: 'run', command: { argv: ['rm', '-f', '--', SITE] } });
  });

  it('no site without a domain or with the proxy off; a dynamic address is refused naming lxc_ip', async () => {
    const plain = await shippedLxcInputs('qbittorrent', 'lxc_ip=192.168.1.50/24', 'lxc_gateway=192.168.1.1');
    expect(lxcProxyInstall(plain, 'qb', caddy)).toBeUndefined();
    const named = await shippedLxcInputs('qbittorrent', 'lxc_ip=192.168.1.50/24', 'lxc_gateway=192.168.1.1', 'domain=torrents.home.arpa');
    expect(lxcProxyInstall(named, 'qb', undefined)).toBeUndefined();
    expect(lxcProxyInstall(named, 'qb', lxcProxySettingsSchema.parse({}))).toBeUndefined();
    const dhcp = await shippedLxcInputs('qbittorrent', 'domain=torrents.home.arpa');
    expect(() => lxcProxyInstall(dhcp, 'qb', caddy)).toThrow(UserError);
    expect(() => lxcProxyInstall(dhcp, 'qb', caddy)).toThrow('lxc_ip is dhcp');
  });

  it('uninstall removes the site its record names, and nothing for a record without one', () => {
    const record = { refs: { vmid: 120, proxy: 'caddy', proxyDir: '/var/lib/homelab-tui/proxy/caddy', proxySite: SITE } } as unknown as DeploymentRecord;
    expect(lxcProxyRemoval(record)?.actions[0]).toEqual({ kind: 'run', command: { argv: ['rm', '-f', '--', SITE] } });
    expect(lxcProxyRemoval({ refs: { vmid: 120 } } as unknown as DeploymentRecord)).toBeUndefined();
  });
});
