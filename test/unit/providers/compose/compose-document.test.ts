import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildComposeDocument, type DocumentContext } from '../../../../src/providers/compose/compose-document.js';
import { checkComposeSchema } from '../../../../src/providers/compose/compose-schema.js';
import { composeYaml } from '../../../../src/providers/compose/compose-yaml.js';
import { composeInputs, VIKUNJA_URL } from './inputs.js';

const plain: DocumentContext = { deployment: 'app', engine: 'docker', selinux: 'disabled' };

describe('buildComposeDocument', () => {
  it('the lab app: init, restart policy, the published port, its data bind, a healthcheck from the probe, labels', async () => {
    const doc = buildComposeDocument(await composeInputs('labapp', 'port=18080', 'data_dir=/srv/lab/data'), { ...plain, deployment: 'lab1' });
    expect(doc).toEqual({
      services: {
        labapp: {
          image: 'local/labapp:1',
          init: true,
          restart: 'unless-stopped',
          ports: ['18080:8080/tcp'],
          volumes: ['/srv/lab/data:/data'],
          healthcheck: {
            test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/health || curl -fsS -o /dev/null http://127.0.0.1:8080/health'],
            interval: '5s',
            timeout: '5s',
            retries: 5,
            start_period: '60s',
          },
          labels: { 'homelab-tui.deployment': 'lab1', 'homelab-tui.app': 'labapp' },
        },
      },
    });
  });

  it('Kavita: PUID/PGID/TZ as the recipe sets them, libraries read-only; where SELinux enforces its own config gets :Z and the shared libraries no label', async () => {
    const inputs = await composeInputs('kavita', 'library_dirs=/srv/media/manga,/srv/media/comics', 'puid=1001');
    const kavita = buildComposeDocument(inputs, plain).services.kavita;
    expect(kavita?.environment).toEqual({ PUID: '1001', PGID: '1000', TZ: 'Etc/UTC' });
    expect(kavita?.volumes).toEqual(['/srv/kavita/config:/config', '/srv/media/manga:/srv/media/manga:ro', '/srv/media/comics:/srv/media/comics:ro']);
    const enforcing = buildComposeDocument(inputs, { ...plain, selinux: 'enforcing' }).services.kavita;
    expect(enforcing?.volumes).toEqual(['/srv/kavita/config:/config:Z', '/srv/media/manga:/srv/media/manga:ro', '/srv/media/comics:/srv/media/comics:ro']);
  });

  it('Komga with Komf: Komf waits for Komga healthy and reads its password from its own env file, never inline', async () => {
    const inputs = await composeInputs('komga', 'komf=true', 'komf_komga_user=komf@example.org', 'komf_komga_password=pw-komga-1');
    const doc = buildComposeDocument(inputs, plain);
    expect(doc.services.komf?.depends_on).toEqual({ komga: { condition: 'service_healthy' } });
    expect(doc.services.komf?.env_file).toEqual(['komf.env']);
    expect(doc.services.komf?.environment).not.toHaveProperty('KOMF_KOMGA_PASSWORD');
    expect(doc.services.komga?.env_file).toBeUndefined();
    expect(doc.services.komf?.healthcheck).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('pw-komga-1');
  });

  it('Vikunja with PostgreSQL: the database has its own healthcheck and the app waits for it; secrets only in env files', async () => {
    const inputs = await composeInputs('vikunja', VIKUNJA_URL, 'db_type=postgres');
    const doc = buildComposeDocument(inputs, plain);
    expect(doc.services.db?.healthcheck?.test).toEqual(['CMD', 'pg_isready', '-U', 'vikunja', '-d', 'vikunja']);
    expect(doc.services.vikunja?.healthcheck?.test).toEqual(['CMD', '/app/vikunja/vikunja', 'healthcheck']);
    expect(doc.services.vikunja?.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(doc.services.vikunja?.env_file).toEqual(['vikunja.env']);
    expect(doc.services.db?.env_file).toEqual(['db.env']);
    for (const secret of inputs.secretValues) expect(JSON.stringify(doc)).not.toContain(secret);
  });

  it('Traefik on the host: router and service labels, and the app joins Traefik\'s network', async () => {
    const inputs = await composeInputs('vikunja', VIKUNJA_URL);
    const doc = buildComposeDocument(inputs, { ...plain, deployment: 'tasks', traefik: { container: 'traefik', image: 'traefik:v3', networks: ['bridge', 'proxy'] } });
    expect(doc.services.vikunja?.labels).toMatchObject({
      'traefik.enable': 'true',
      'traefik.http.routers.tasks.rule': 'Host(`tasks.example.com`)',
      'traefik.http.services.tasks.loadbalancer.server.port': '3456',
      'traefik.docker.network': 'proxy',
    });
    expect(doc.services.vikunja?.networks).toEqual(['default', 'proxy']);
    expect(doc.networks).toEqual({ proxy: { external: true } });
    expect(buildComposeDocument(inputs, plain).services.vikunja?.labels).not.toHaveProperty('traefik.enable');
  });

  it('doubles every $ so compose never substitutes variables inside answers', async () => {
    const inputs = await composeInputs('vikunja', 'public_url=https://tasks.example.com/$HOME/');
    const doc = buildComposeDocument(inputs, plain);
    expect(doc.services.vikunja?.environment?.VIKUNJA_SERVICE_PUBLICURL).toBe('https://tasks.example.com/$$HOME/');
  });
});

describe('the Compose specification schema', () => {
  const cases: [string, string[]][] = [
    ['labapp', []],
    ['kavita', []],
    ['komga', ['komf=true', 'komf_komga_user=k@example.org', 'komf_komga_password=pw-pw-pw']],
    ['vikunja', [VIKUNJA_URL]],
    ['vikunja', [VIKUNJA_URL, 'db_type=postgres']],
    ['vikunja', [VIKUNJA_URL, 'db_type=mysql']],
  ];
  it.each(cases)('%s %j: the generated file conforms', async (app, sets) => {
    const doc = buildComposeDocument(await composeInputs(app, ...sets), { ...plain, selinux: 'enforcing', traefik: { container: 't', image: 'traefik', networks: ['proxy'] } });
    expect(checkComposeSchema(doc)).toEqual([]);
  });

  it('names the field that breaks it', () => {
    const problems = checkComposeSchema({ services: { app: { image: 'x', ports: ['80:80/tcp', '80:80/tcp'], restart: 'no', colour: 'blue' } } });
    expect(problems).toEqual([
      { field: 'services.app.colour', message: 'is not a Compose key' },
      { field: 'services.app.ports', message: 'must NOT have duplicate items (items ## 0 and 1 are identical)' },
    ]);
  });
});

describe('composeYaml', () => {
  it('quotes every string, so YAML 1.1 readers (docker-compose v1) keep yes, on and 0755 as text', () => {
    const text = composeYaml({ services: { a: { image: 'x', init: true, restart: 'no', environment: { A: 'yes', B: 'on', C: '0755', D: '1' }, labels: {} } } }, ['header']);
    expect(text.startsWith('# header\nservices:\n')).toBe(true);
    expect(text).toContain('A: "yes"');
    expect(text).toContain('C: "0755"');
    expect(text).toContain('init: true');
    expect(parse(text).services.a.environment).toEqual({ A: 'yes', B: 'on', C: '0755', D: '1' });
  });
});
