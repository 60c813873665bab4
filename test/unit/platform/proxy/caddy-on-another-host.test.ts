// The managed Caddy on a host of the user's choice (hosts.yaml `proxy`): its steps name that host, the
// record's refs name it, and uninstall's removal goes back to it from the refs alone.
import { describe, expect, it } from 'vitest';
import { caddySettingsSchema } from '../../../../src/platform/config/proxy-settings.js';
import { caddyRefs, caddySiteChangeStep, caddySiteStep, recordedSiteRemoval } from '../../../../src/platform/proxy/caddy.js';
import { inventorySchema } from '../../../../src/platform/config/inventory.js';

const settings = caddySettingsSchema.parse({ tls: 'internal' });
const site = { deployment: 'web1', host: 'web1.lab.test', upstream: '10.0.9.2:18300' };

describe('Caddy on another host', () => {
  it('install and reconfigure steps run on the named host, and say so', () => {
    const step = caddySiteStep(settings, site, 'edge');
    expect(step.host).toBe('edge');
    expect(step.title).toBe('Serve https://web1.lab.test through Caddy on edge');
    expect(step.undo?.[0]).toMatchObject({ command: { argv: ['rm', '-f', '--', '/var/lib/homelab-tui/proxy/caddy/sites/web1.caddy'] } });
    expect(caddySiteStep(settings, site).host).toBeUndefined();
    const moved = caddySiteChangeStep(settings, 'web1', site, { ...site, host: 'web2.lab.test' }, 'edge');
    expect(moved).toMatchObject({ host: 'edge', title: 'Serve https://web2.lab.test through Caddy on edge (was web1.lab.test)' });
  });

  it('the refs name the host, and the removal is planned from them on that host', () => {
    const refs = caddyRefs(settings, 'web1', 'edge');
    expect(refs).toEqual({ proxy: 'caddy', proxyDir: '/var/lib/homelab-tui/proxy/caddy', proxySite: '/var/lib/homelab-tui/proxy/caddy/sites/web1.caddy', proxyHost: 'edge' });
    const removal = recordedSiteRemoval(refs);
    expect(removal).toMatchObject({ host: 'edge', title: 'Remove its site from Caddy on edge' });
    expect(removal?.actions[0]).toMatchObject({ command: { argv: ['rm', '-f', '--', refs.proxySite] } });
    expect(recordedSiteRemoval(caddyRefs(settings, 'web1'))?.host).toBeUndefined();
    expect(recordedSiteRemoval({})).toBeUndefined();
  });

  it('hosts.yaml: proxy.host must be another host of the inventory, upstream a plain address', () => {
    const hosts = (proxy: unknown) => ({ hosts: [{ name: 'app', address: '10.0.9.2', proxy }, { name: 'edge', address: '10.0.9.3' }] });
    expect(inventorySchema.parse(hosts({ host: 'edge', upstream: '10.0.8.2' })).hosts[0]?.proxy).toEqual({ host: 'edge', upstream: '10.0.8.2' });
    expect(inventorySchema.safeParse(hosts({ host: 'nowhere' })).error?.issues[0]).toMatchObject({ path: ['hosts', 0, 'proxy', 'host'], message: 'no host of that name in the inventory' });
    expect(inventorySchema.safeParse(hosts({ host: 'app' })).error?.issues[0]?.message).toMatch(/cannot be its own proxy host/);
    expect(inventorySchema.safeParse(hosts({ host: 'edge', upstream: '$(reboot)' })).error?.issues[0]?.path).toEqual(['hosts', 0, 'proxy', 'upstream']);
    expect(inventorySchema.safeParse(hosts({ host: 'edge', port: 80 })).success).toBe(false);
  });
});
