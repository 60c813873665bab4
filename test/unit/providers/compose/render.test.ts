import { describe, expect, it } from 'vitest';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { renderComposeInputs } from '../../../../src/providers/compose/render.js';
import { shippedRecipe } from '../../../support/catalog.js';

async function compose(id: string, ...sets: string[]) {
  const recipe = await shippedRecipe(id);
  return renderComposeInputs(recipe, requireComplete(resolveAnswers(recipe, 'compose', { sets })));
}

const URL = 'public_url=https://tasks.example.com/';

describe('renderComposeInputs: Vikunja databases', () => {
  it('SQLite: one container, the database file on the data volume', async () => {
    const inputs = await compose('vikunja', URL, 'service_secret=s3cret-s3cret');
    expect(inputs.services.map((s) => s.name)).toEqual(['vikunja']);
    const [app] = inputs.services;
    expect(app?.env).toEqual({
      VIKUNJA_SERVICE_PUBLICURL: 'https://tasks.example.com/',
      VIKUNJA_SERVICE_SECRET: 's3cret-s3cret',
      VIKUNJA_SERVICE_TIMEZONE: 'Etc/UTC',
      VIKUNJA_SERVICE_ENABLEREGISTRATION: 'true',
      VIKUNJA_DATABASE_TYPE: 'sqlite',
      VIKUNJA_DATABASE_PATH: '/db/vikunja.db',
    });
    expect(app?.secretEnv).toEqual(['VIKUNJA_SERVICE_SECRET']);
    expect(app?.dependsOn).toEqual([]);
    expect(app?.volumes.map((v) => [v.hostPath, v.containerPath, v.owner])).toEqual([
      ['/srv/vikunja/files', '/app/vikunja/files', '1000:1000'],
      ['/srv/vikunja/db', '/db', '1000:1000'],
    ]);
    expect(inputs.backup).toEqual({
      database: { kind: 'sqlite', service: 'vikunja', path: '/db/vikunja.db', hostPath: '/srv/vikunja/db/vikunja.db' },
      paths: [{ service: 'vikunja', path: '/app/vikunja/files', hostPath: '/srv/vikunja/files' }],
    });
    expect(inputs.health).toEqual({ kind: 'http', service: 'vikunja', port: 3456, path: '/health', expectStatus: 200, bodyContains: 'OK' });
    expect(inputs.secretValues).toEqual(['s3cret-s3cret']);
  });

  it('PostgreSQL, embedded: a db companion with the same generated password on both sides', async () => {
    const inputs = await compose('vikunja', URL, 'db_type=postgres', 'port=8080');
    const [app, db] = inputs.services;
    const password = app?.env.VIKUNJA_DATABASE_PASSWORD;
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(app?.env).toMatchObject({ VIKUNJA_DATABASE_TYPE: 'postgres', VIKUNJA_DATABASE_HOST: 'db', VIKUNJA_DATABASE_DATABASE: 'vikunja', VIKUNJA_DATABASE_USER: 'vikunja' });
    expect(app?.env).not.toHaveProperty('VIKUNJA_DATABASE_PATH');
    expect(app?.secretEnv).toEqual(['VIKUNJA_SERVICE_SECRET', 'VIKUNJA_DATABASE_PASSWORD']);
    expect(app?.dependsOn).toEqual(['db']);
    expect(app?.ports).toEqual([{ name: 'http', container: 3456, host: 8080, protocol: 'tcp' }]);
    expect(db?.image).toBe('postgres:16');
    expect(db?.env).toEqual({ POSTGRES_DB: 'vikunja', POSTGRES_USER: 'vikunja', POSTGRES_PASSWORD: password });
    expect(db?.volumes.map((v) => `${v.hostPath}:${v.containerPath}`)).toEqual(['/srv/vikunja/db/postgres:/var/lib/postgresql/data']);
    // The folder the server keeps its files in: the dump covers it, so an update's archive leaves it out.
    expect(inputs.backup.database).toEqual({ kind: 'postgres', service: 'db', host: 'db', port: 5432, database: 'vikunja', user: 'vikunja', password, hostPaths: ['/srv/vikunja/db/postgres'] });
    expect(inputs.secretValues).toContain(password);
    expect(inputs.health.port).toBe(8080);
  });

  it('MySQL, embedded: MariaDB with a random root password', async () => {
    const [app, db] = (await compose('vikunja', URL, 'db_type=mysql')).services;
    expect(app?.env.VIKUNJA_DATABASE_TYPE).toBe('mysql');
    expect(db?.image).toBe('mariadb:11');
    expect(Object.keys(db?.env ?? {})).toEqual(['MARIADB_DATABASE', 'MARIADB_USER', 'MARIADB_PASSWORD', 'MARIADB_RANDOM_ROOT_PASSWORD']);
    expect(db?.volumes[0]?.containerPath).toBe('/var/lib/mysql');
  });

  it('container healthchecks: Vikunja\'s own command, pg_isready with the chosen names, MariaDB\'s healthcheck.sh', async () => {
    const sqlite = await compose('vikunja', URL);
    expect(sqlite.services[0]?.healthcheck).toEqual(['/app/vikunja/vikunja', 'healthcheck']);
    const [, pg] = (await compose('vikunja', URL, 'db_type=postgres', 'db_user=tasks', 'db_name=todo')).services;
    expect(pg?.healthcheck).toEqual(['pg_isready', '-U', 'tasks', '-d', 'todo']);
    const [, maria] = (await compose('vikunja', URL, 'db_type=mysql')).services;
    expect(maria?.healthcheck).toEqual(['healthcheck.sh', '--connect', '--innodb_initialized']);
  });

  it('the public host comes from the public URL, for reverse-proxy rules', async () => {
    expect((await compose('vikunja', URL)).publicHost).toBe('tasks.example.com');
    expect((await compose('labapp')).publicHost).toBeUndefined();
  });

  it('an existing server: host:port, the given password, no companion, TLS mode for PostgreSQL only', async () => {
    const mysql = await compose('vikunja', URL, 'db_type=mysql', 'db_mode=existing', 'db_host=db.lan', 'db_port=3307', 'db_password=pw-given', 'db_user=tasks');
    expect(mysql.services.map((s) => s.name)).toEqual(['vikunja']);
    expect(mysql.services[0]?.env).toMatchObject({ VIKUNJA_DATABASE_HOST: 'db.lan:3307', VIKUNJA_DATABASE_PASSWORD: 'pw-given', VIKUNJA_DATABASE_USER: 'tasks' });
    expect(mysql.services[0]?.env).not.toHaveProperty('VIKUNJA_DATABASE_SSLMODE');
    expect(mysql.backup.database).toEqual({ kind: 'mysql', host: 'db.lan', port: 3307, database: 'vikunja', user: 'tasks', password: 'pw-given' });
    const pg = await compose('vikunja', URL, 'db_type=postgres', 'db_mode=existing', 'db_host=10.0.0.7', 'db_password=pw-given', 'db_sslmode=require');
    expect(pg.services[0]?.env).toMatchObject({ VIKUNJA_DATABASE_HOST: '10.0.0.7:5432', VIKUNJA_DATABASE_SSLMODE: 'require' });
  });
});

describe('renderComposeInputs: media apps', () => {
  it('Kavita: LinuxServer env, /config on the chosen directory, each library read-only at its own path', async () => {
    const inputs = await compose('kavita', 'library_dirs=/srv/media/manga,/srv/media/comics', 'puid=1001');
    const [kavita] = inputs.services;
    expect(kavita?.image).toBe('lscr.io/linuxserver/kavita:0.8.4');
    expect(kavita?.env).toEqual({ PUID: '1001', PGID: '1000', TZ: 'Etc/UTC' });
    expect(kavita?.volumes.map((v) => [v.name, v.hostPath, v.containerPath, v.readOnly, v.kind])).toEqual([
      ['config', '/srv/kavita/config', '/config', false, 'data'],
      ['library-1', '/srv/media/manga', '/srv/media/manga', true, 'shared'],
      ['library-2', '/srv/media/comics', '/srv/media/comics', true, 'shared'],
    ]);
    expect(inputs.health).toMatchObject({ path: '/api/health', port: 5000 });
  });

  it('Jellyfin: media read-only under /media, downloads only when given', async () => {
    const without = await compose('jellyfin', 'music_dir=');
    expect(without.services[0]?.volumes.map((v) => v.containerPath)).toEqual(['/config', '/cache', '/media/movies', '/media/tv']);
    const withDownloads = await compose('jellyfin', 'downloads_dir=/srv/downloads/complete', 'published_url=https://media.example.com');
    const downloads = withDownloads.services[0]?.volumes.find((v) => v.name === 'downloads');
    expect(downloads).toMatchObject({ hostPath: '/srv/downloads/complete', containerPath: '/media/downloads', readOnly: true });
    expect(withDownloads.services[0]?.env).toEqual({ JELLYFIN_PublishedServerUrl: 'https://media.example.com' });
    expect(withDownloads.services[0]?.user).toBe('1000:1000');
  });

  it('qBittorrent: incomplete and per-category complete folders, a seeded config, the web UI port inside and out', async () => {
    const [qbt] = (await compose('qbittorrent', 'categories=films,series', 'webui_port=8090')).services;
    expect(qbt?.dirs).toEqual([
      { volume: 'downloads', path: 'incomplete' },
      { volume: 'downloads', path: 'complete' },
      { volume: 'downloads', path: 'complete/films' },
      { volume: 'downloads', path: 'complete/series' },
    ]);
    expect(qbt?.ports.find((p) => p.name === 'webui')).toEqual({ name: 'webui', container: 8090, host: 8090, protocol: 'tcp' });
    expect(qbt?.env.WEBUI_PORT).toBe('8090');
    expect(qbt?.files).toHaveLength(1);
    expect(qbt?.files[0]).toMatchObject({ volume: 'config', path: 'qBittorrent/qBittorrent.conf', mode: 0o644, onlyIfAbsent: true, secret: false });
    expect(qbt?.files[0]?.content).toContain('Session\\TempPath=/downloads/incomplete\n');
    expect(qbt?.files[0]?.content).toContain('WebUI\\Port=8090\n');
  });

  it('Komga: Komf only when asked, pointed at the komga service, its password kept secret', async () => {
    expect((await compose('komga')).services.map((s) => s.name)).toEqual(['komga']);
    const inputs = await compose('komga', 'komf=true', 'komf_komga_user=komf@example.org', 'komf_komga_password=pw-komga');
    const komf = inputs.services[1];
    expect(komf?.name).toBe('komf');
    expect(komf?.env).toMatchObject({ KOMF_KOMGA_BASE_URI: 'http://komga:25600', KOMF_KOMGA_USER: 'komf@example.org', KOMF_KOMGA_PASSWORD: 'pw-komga' });
    expect(komf?.secretEnv).toEqual(['KOMF_KOMGA_PASSWORD']);
    expect(komf?.dependsOn).toEqual(['komga']);
    expect(inputs.services[0]?.volumes.find((v) => v.name === 'comics')).toMatchObject({ containerPath: '/comics', readOnly: true });
    expect(inputs.services[0]?.volumes.find((v) => v.name === 'tmp')).toMatchObject({ containerPath: '/tmp', kind: 'cache' });
    expect(inputs.backup.paths).toEqual([
      { service: 'komga', path: '/config', hostPath: '/srv/komga/config' },
      { service: 'komf', path: '/config', hostPath: '/srv/komga/komf' },
    ]);
  });

  it('the lab app: the image tag is the version', async () => {
    const inputs = await compose('labapp', 'version=bad', 'port=18080');
    expect(inputs.services[0]?.image).toBe('local/labapp:bad');
    expect(inputs.health).toEqual({ kind: 'http', service: 'labapp', port: 18080, path: '/health', expectStatus: 200, bodyContains: 'ok' });
    expect(inputs.services[0]?.healthcheck).toBeUndefined();
  });
});
