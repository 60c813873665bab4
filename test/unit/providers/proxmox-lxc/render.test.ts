import { describe, expect, it } from 'vitest';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { renderLxcInputs } from '../../../../src/providers/proxmox-lxc/render.js';
import { shippedRecipe } from '../../../support/catalog.js';

async function lxc(id: string, ...sets: string[]) {
  const recipe = await shippedRecipe(id);
  return renderLxcInputs(recipe, requireComplete(resolveAnswers(recipe, 'proxmox-lxc', { sets })));
}

describe('renderLxcInputs', () => {
  it('Jellyfin: movies, tv, music and completed downloads bind-mounted read-only; the packaged unit', async () => {
    const inputs = await lxc('jellyfin', 'downloads_dir=/tank/downloads/complete');
    expect(inputs.mounts).toEqual([
      { hostPath: '/srv/media/movies', guestPath: '/media/movies', readOnly: true },
      { hostPath: '/srv/media/tv', guestPath: '/media/tv', readOnly: true },
      { hostPath: '/srv/media/music', guestPath: '/media/music', readOnly: true },
      { hostPath: '/tank/downloads/complete', guestPath: '/media/downloads', readOnly: true },
    ]);
    expect(inputs.service).toMatchObject({ kind: 'packaged', name: 'jellyfin', env: {} });
    expect(inputs.service).not.toHaveProperty('dropIn');
    expect(inputs.resources).toEqual({ cores: 2, memoryMiB: 2048, diskGiB: 8, storage: 'local-lvm' });
    expect(inputs.network).toEqual({ bridge: 'vmbr0', ip: 'dhcp' });
    expect(inputs).toMatchObject({ hostname: 'jellyfin', os: 'debian', unprivileged: true, features: { nesting: false }, needsInternet: true });
    expect(inputs.health).toMatchObject({ service: 'jellyfin', port: 8096, path: '/health' });
    expect(inputs.minimums).toEqual({ cores: 2, memoryMiB: 2048, diskGiB: 8 });
  });

  it('sizes, a static address with gateway and VLAN, and a fixed id reach the container options', async () => {
    const inputs = await lxc('labapp', 'lxc_ip=10.20.0.5/24', 'lxc_gateway=10.20.0.1', 'lxc_vlan=20', 'lxc_ctid=230', 'lxc_memory=1536M', 'lxc_disk=1536M', 'lxc_cores=2', 'lxc_hostname=lab-1');
    expect(inputs.ctid).toBe(230);
    expect(inputs.hostname).toBe('lab-1');
    expect(inputs.network).toEqual({ bridge: 'vmbr0', ip: '10.20.0.5/24', gateway: '10.20.0.1', vlan: 20 });
    // pct takes whole GiB for the root disk: 1.5G rounds up.
    expect(inputs.resources).toEqual({ cores: 2, memoryMiB: 1536, diskGiB: 2, storage: 'local-lvm' });
  });

  it('the lab app writes itself in a guest without network, in the lab\'s layout', async () => {
    const good = await lxc('labapp', 'version=2');
    expect(good).toMatchObject({ os: 'any', needsInternet: false });
    expect(good.steps.map((s) => s.name)).toEqual(['Write the lab app']);
    expect(good.steps[0]?.env).toEqual({ LABAPP_VERSION: '2' });
    const script = good.steps[0]?.script ?? '';
    expect(script.startsWith('set -e\n')).toBe(true);
    expect(script).toContain("printf 'ok' > /opt/labapp/www/health");
    expect(script).toContain('printf \'%s\' "$LABAPP_VERSION" > /opt/labapp/tag');
    expect(script).toContain("/health) status='500 Internal Server Error'; body='database unreachable' ;;");
    expect(script).toContain('exec busybox httpd -f -p 8080 -h /opt/labapp/www');
    expect((await lxc('labapp', 'version=bad')).steps[0]?.env).toEqual({ LABAPP_VERSION: 'bad' });
    const service = good.service;
    if (service.kind !== 'generated') throw new Error('expected a generated service');
    expect(service.command).toEqual(['/opt/labapp/run']);
    expect(service.systemdUnit).toContain('ExecStart="/opt/labapp/run"\n');
    expect(service.initScript).toContain(`start-stop-daemon -S -b -m -p "$PIDFILE" -x /bin/sh -- -c 'exec "$@" >> /var/log/labapp.log 2>&1' labapp /opt/labapp/run\n`);
    expect(good.backup).toEqual({ paths: [{ path: '/var/lib/labapp' }] });
  });

  it('Vikunja: settings reach the packaged unit through an env file and a drop-in; secrets are marked', async () => {
    const inputs = await lxc('vikunja', 'public_url=https://tasks.example.com/', 'port=3457', "service_secret=it's-secret");
    const service = inputs.service;
    if (service.kind !== 'packaged') throw new Error('expected the packaged unit');
    expect(service.env).toMatchObject({
      VIKUNJA_SERVICE_INTERFACE: ':3457',
      VIKUNJA_DATABASE_TYPE: 'sqlite',
      VIKUNJA_DATABASE_PATH: '/var/lib/vikunja/vikunja.db',
      VIKUNJA_FILES_BASEPATH: '/var/lib/vikunja/files',
    });
    expect(service.secretEnv).toEqual(['VIKUNJA_SERVICE_SECRET']);
    expect(service.envFile).toBe('/etc/homelab-tui/vikunja.env');
    expect(service.envFileContent).toContain("VIKUNJA_SERVICE_SECRET='it'\\''s-secret'\n");
    expect(service.dropIn).toBe('[Service]\nEnvironmentFile=-/etc/homelab-tui/vikunja.env\n');
    expect(inputs.steps.map((s) => s.name)).toEqual(['Install Vikunja']);
    expect(inputs.health.port).toBe(3457);
  });

  it('Vikunja with embedded PostgreSQL installs it in the guest, the password passed as a secret env', async () => {
    const inputs = await lxc('vikunja', 'public_url=https://tasks.example.com/', 'db_type=postgres');
    const step = inputs.steps.find((s) => s.name === 'Install PostgreSQL for Vikunja');
    expect(step?.env).toMatchObject({ DB_NAME: 'vikunja', DB_USER: 'vikunja' });
    expect(step?.secretEnv).toEqual(['DB_PASSWORD']);
    expect(inputs.service.env.VIKUNJA_DATABASE_HOST).toBe('localhost');
    expect(inputs.service.env.VIKUNJA_DATABASE_PASSWORD).toBe(step?.env.DB_PASSWORD);
    expect(inputs.backup.database).toMatchObject({ kind: 'postgres', host: 'localhost', port: 5432 });
  });

  it('qBittorrent: the downloads tree read-write, categories passed to the script', async () => {
    const inputs = await lxc('qbittorrent');
    expect(inputs.mounts).toEqual([{ hostPath: '/srv/downloads', guestPath: '/downloads', readOnly: false }]);
    expect(inputs.steps[0]?.env).toEqual({ WEBUI_PORT: '8080', TORRENT_PORT: '6881', CATEGORIES: 'movies,tv,music,books' });
    expect(inputs.ports.map((p) => p.port)).toEqual([8080, 6881]);
  });

  it('Kavita: one read-only bind mount per library, at the same path', async () => {
    const inputs = await lxc('kavita', 'library_dirs=/tank/books,/tank/manga');
    expect(inputs.mounts).toEqual([
      { hostPath: '/tank/books', guestPath: '/tank/books', readOnly: true },
      { hostPath: '/tank/manga', guestPath: '/tank/manga', readOnly: true },
    ]);
  });
});
