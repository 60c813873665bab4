// The seed apps' compose files (Kavita, Komga with Komf, Vikunja with SQLite, PostgreSQL and MySQL)
// pass the Compose specification and the Docker host's own `docker-compose config`. Their images are
// not on the lab (it has no registry), so preflight fails on images only.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir } from './compose-lab.js';

let configDir = '';
beforeAll(async () => {
  configDir = await labConfigDir();
});

const URL = 'public_url=https://tasks.example.com/';

describe.each([
  { app: 'kavita', sets: [] },
  { app: 'komga', sets: ['komf=true', 'komf_komga_user=komf@example.org', 'komf_komga_password=komga-pw-1'] },
  { app: 'vikunja', sets: [URL] },
  { app: 'vikunja', sets: [URL, 'db_type=postgres'] },
  { app: 'vikunja', sets: [URL, 'db_type=mysql'] },
])('$app $sets', ({ app, sets }) => {
  it('docker-compose 1.29 accepts the file; nothing but the images blocks it', async () => {
    const run = await cli(configDir, ['plan', app, '--host', 'docker', '--provider', 'compose', ...sets.flatMap((s) => ['--set', s]), '--json']);
    const { preflight } = JSON.parse(run.stdout) as { preflight: { status: string; label: string; detail?: string }[] };
    expect(preflight.find((i) => i.label.endsWith('(config)') || i.label.includes('rejects the compose file'))).toEqual({ status: 'ok', label: 'docker-compose 1.29.2 accepts the compose file (config)' });
    expect(preflight.filter((i) => i.status === 'fail').every((i) => i.label.startsWith('image '))).toBe(true);
    expect(preflight.some((i) => i.label.includes('Compose specification'))).toBe(false);
  });
});
