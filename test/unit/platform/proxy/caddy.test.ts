import { describe, expect, it } from 'vitest';
import { proxySettingsSchema } from '../../../../src/platform/config/proxy-settings.js';
import { caddyMainConfig, caddyRemoveSiteStep, caddySiteChangeStep, caddySiteConfig, caddySiteStep } from '../../../../src/platform/proxy/caddy.js';

const caddy = (over: Record<string, unknown> = {}) => proxySettingsSchema.parse({ kind: 'caddy', caddy: over }).caddy;

describe('the managed Caddy configuration', () => {
  it('the main Caddyfile takes the ACME server, its root and the e-mail from settings, and imports the sites', () => {
    const text = caddyMainConfig(caddy({ acmeCa: 'https://10.0.0.1:14000/dir', acmeCaRoot: '/etc/lab/pebble.pem', email: 'me@lab.test' }));
    expect(text).toContain('\tacme_ca https://10.0.0.1:14000/dir\n');
    expect(text).toContain('\tacme_ca_root /etc/lab/pebble.pem\n');
    expect(text).toContain('\temail me@lab.test\n');
    expect(text).toContain('\tstorage file_system /var/lib/homelab-tui/proxy/caddy/data\n');
    expect(text).toContain('\nimport sites/*.caddy\n');
    expect(text).not.toContain('local_certs');
  });

  it('tls: internal uses Caddy\'s own CA and no ACME server', () => {
    const text = caddyMainConfig(caddy({ tls: 'internal', acmeCa: 'https://acme.example/dir' }));
    expect(text).toContain('\tlocal_certs\n');
    // Caddy would otherwise add its root to the host's trust store.
    expect(text).toContain('\tskip_install_trust\n');
    expect(text).not.toContain('acme_ca');
  });

  it('bad settings are refused with the field: an http ACME URL, a relative root', () => {
    expect(proxySettingsSchema.safeParse({ caddy: { acmeCa: 'http://acme.example/dir' } }).error?.issues[0]?.path).toEqual(['caddy', 'acmeCa']);
    expect(proxySettingsSchema.safeParse({ caddy: { acmeCaRoot: 'pebble.pem' } }).error?.issues[0]?.path).toEqual(['caddy', 'acmeCaRoot']);
  });

  it('a site proxies its name to the upstream; a name that is no host name never reaches the file', () => {
    expect(caddySiteConfig({ deployment: 'web', host: 'web.lab.test', upstream: '127.0.0.1:8080' })).toBe('# homelab-tui: the deployment "web"\nweb.lab.test {\n\treverse_proxy 127.0.0.1:8080\n}\n');
    expect(() => caddySiteConfig({ deployment: 'web', host: 'x.lab.test {\n}\nimport /etc', upstream: '127.0.0.1:8080' })).toThrow('not a host name');
    expect(() => caddySiteConfig({ deployment: 'web', host: 'web.lab.test', upstream: '127.0.0.1:8080 {' })).toThrow('not an upstream');
  });

  it('the install step writes both files and reloads; its undo removes the site and reloads; uninstall does the same', () => {
    const step = caddySiteStep(caddy(), { deployment: 'web', host: 'web.lab.test', upstream: '127.0.0.1:8080' });
    expect(step.actions.filter((a) => a.kind === 'write').map((a) => (a.kind === 'write' ? a.path : ''))).toEqual(['/var/lib/homelab-tui/proxy/caddy/Caddyfile', '/var/lib/homelab-tui/proxy/caddy/sites/web.caddy']);
    expect(step.undo?.[0]).toEqual({ kind: 'run', command: { argv: ['rm', '-f', '--', '/var/lib/homelab-tui/proxy/caddy/sites/web.caddy'] } });
    const removal = caddyRemoveSiteStep('/var/lib/homelab-tui/proxy/caddy', '/var/lib/homelab-tui/proxy/caddy/sites/web.caddy');
    expect(removal.actions.map((a) => (a.kind === 'run' ? a.command.argv.at(-1) : ''))).toEqual(['/var/lib/homelab-tui/proxy/caddy/sites/web.caddy', '/var/lib/homelab-tui/proxy/caddy']);
  });

  it('reconfigure moves a site: the new name is written, undo writes the old one back; a site that goes is removed, undo brings it back', () => {
    const before = { deployment: 'web', host: 'old.lab.test', upstream: '10.0.0.5:8080' };
    const after = { deployment: 'web', host: 'new.lab.test', upstream: '10.0.0.5:8080' };
    const content = (actions: readonly { kind: string }[] | undefined) => (actions ?? []).flatMap((a) => (a.kind === 'write' && 'path' in a && String(a.path).endsWith('web.caddy') && 'content' in a ? [String(a.content)] : []));
    const moved = caddySiteChangeStep(caddy(), 'web', before, after);
    expect(moved.title).toBe('Serve https://new.lab.test through Caddy (was old.lab.test)');
    expect(content(moved.actions)).toEqual([caddySiteConfig(after)]);
    expect(content(moved.undo)).toEqual([caddySiteConfig(before)]);
    const gone = caddySiteChangeStep(caddy(), 'web', before, undefined);
    expect(gone.actions[0]).toEqual({ kind: 'run', command: { argv: ['rm', '-f', '--', '/var/lib/homelab-tui/proxy/caddy/sites/web.caddy'] } });
    expect(content(gone.undo)).toEqual([caddySiteConfig(before)]);
  });
});
