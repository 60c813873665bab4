import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCE_FACTS } from '../../../../src/platform/recipe/sources-schema.js';
import { buildComposeDocument } from '../../../../src/providers/compose/compose-document.js';
import { selinuxItems } from '../../../../src/providers/compose/selinux.js';
import { composeInputs } from '../../providers/compose/inputs.js';
import { shippedCatalog, shippedRecipe } from '../../../support/catalog.js';

// Every fact in a recipe comes from the app's own documentation or source (no catalog app was ever
// installed where the recipes were written), and the recipe says where.

/** Each app's own health endpoint, as its source defines it. */
const PROBES: Record<string, { path: string; body?: string }> = {
  kavita: { path: '/api/health', body: 'Ok' },
  jellyfin: { path: '/health', body: 'Healthy' },
  komga: { path: '/actuator/health', body: 'UP' },
  vikunja: { path: '/health', body: 'OK' },
  qbittorrent: { path: '/' },
  labapp: { path: '/health', body: 'ok' },
};

describe('recipe facts carry their source', () => {
  it('every shipped recipe cites where its image, ports, paths, env and probe come from', async () => {
    const catalog = await shippedCatalog();
    for (const recipe of catalog.recipes) {
      expect(recipe.sources, `${recipe.id}: sources`).toBeDefined();
      for (const fact of SOURCE_FACTS) expect(recipe.sources?.[fact].length, `${recipe.id}: sources.${fact}`).toBeGreaterThan(0);
    }
  });

  it("each app is probed on its own health endpoint, and the probe's citation names the source file that defines it", async () => {
    const catalog = await shippedCatalog();
    expect(catalog.recipes.map((r) => r.id).sort()).toEqual(Object.keys(PROBES).sort());
    for (const recipe of catalog.recipes) {
      const want = PROBES[recipe.id];
      expect(recipe.health, recipe.id).toMatchObject({ kind: 'http', path: want?.path, ...(want?.body ? { body: want.body } : {}) });
      const probe = recipe.sources?.probe.join(' ') ?? '';
      if (!recipe.test) expect(probe, recipe.id).toMatch(/ @ [0-9a-f]{7,} \S+\.(cs|go|kt|cpp)/);
    }
  });

  it('a recipe without sources still loads (user recipes), but a malformed citation is refused with its field', async () => {
    const { recipeSchema } = await import('../../../../src/platform/recipe/recipe-schema.js');
    const kavita = await shippedRecipe('kavita');
    const bad = { ...kavita, sources: { ...kavita.sources, probe: ['trust me'] } };
    const result = recipeSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sources', 'probe', 0]);
    const { sources: _none, ...bare } = kavita;
    expect(recipeSchema.safeParse(bare).success).toBe(true);
  });
});

/** The config keys of Vikunja v2.5.0 (config-raw.json), as env names: VIKUNJA_ + the key path upper-cased, `.` as `_`. */
function vikunjaEnvNames(): Set<string> {
  interface Node {
    key?: string;
    children?: Node[];
  }
  const root = JSON.parse(readFileSync(new URL('../../../fixtures/schemas/vikunja-config-raw-v2.5.0.json', import.meta.url), 'utf8')) as Node;
  const names = new Set<string>();
  const walk = (node: Node, path: string[]): void => {
    const here = node.key ? [...path, node.key] : path;
    if (node.children && node.children.length > 0) for (const child of node.children) walk(child, here);
    else if (here.length > 0) names.add(`VIKUNJA_${here.join('_').toUpperCase()}`);
  };
  walk(root, []);
  return names;
}

describe("Vikunja's settings against its config schema", () => {
  it('every VIKUNJA_* variable the recipe sets, in every section, is a config key of v2.5.0', async () => {
    const known = vikunjaEnvNames();
    expect(known.has('VIKUNJA_REDIS_HOST')).toBe(true);
    const recipe = await shippedRecipe('vikunja');
    const envs = [
      ...(recipe.compose?.services ?? []).map((s) => s.env),
      ...(recipe.k3s?.services ?? []).map((s) => s.env),
      recipe['proxmox-lxc']?.service.env ?? {},
    ];
    const used = [...new Set(envs.flatMap((env) => Object.keys(env)).filter((name) => name.startsWith('VIKUNJA_')))];
    expect(used).toContain('VIKUNJA_REDIS_ENABLED');
    expect(used.filter((name) => !known.has(name))).toEqual([]);
    // The seed's VIKUNJA_REDIS_PORT is no key: the port goes with redis.host.
    expect(known.has('VIKUNJA_REDIS_PORT')).toBe(false);
  });

  it('with Redis, compose runs a redis companion Vikunja waits for, and points Vikunja at redis:6379', async () => {
    const doc = buildComposeDocument(await composeInputs('vikunja', 'public_url=https://tasks.lab.test/', 'redis=true'), { deployment: 'tasks', engine: 'docker', selinux: 'disabled' });
    expect(doc.services.redis?.image).toBe('redis:7');
    expect(doc.services.redis?.ports).toBeUndefined();
    expect(doc.services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(doc.services.vikunja?.depends_on?.redis).toEqual({ condition: 'service_healthy' });
    expect(doc.services.vikunja?.environment).toMatchObject({ VIKUNJA_REDIS_ENABLED: 'true', VIKUNJA_REDIS_HOST: 'redis:6379', VIKUNJA_KEYVALUE_TYPE: 'redis' });
    const without = buildComposeDocument(await composeInputs('vikunja', 'public_url=https://tasks.lab.test/'), { deployment: 'tasks', engine: 'docker', selinux: 'disabled' });
    expect(without.services.redis).toBeUndefined();
    expect(Object.keys(without.services.vikunja?.environment ?? {}).filter((k) => k.includes('REDIS'))).toEqual([]);
  });
});

describe('owned and shared folders under SELinux', () => {
  it("Jellyfin: its own config and cache get :Z; the shared media folders keep their label, and preflight says so with a hint", async () => {
    const inputs = await composeInputs('jellyfin', 'movies_dir=/srv/media/movies', 'tv_dir=/srv/media/tv');
    const volumes = buildComposeDocument(inputs, { deployment: 'media', engine: 'podman', selinux: 'enforcing' }).services.jellyfin?.volumes ?? [];
    expect(volumes.filter((v) => v.startsWith('/srv/jellyfin/'))).toEqual(['/srv/jellyfin/config:/config:Z', '/srv/jellyfin/cache:/cache:Z']);
    expect(volumes.filter((v) => v.startsWith('/srv/media/'))).toEqual(['/srv/media/movies:/media/movies:ro', '/srv/media/tv:/media/tv:ro', '/srv/media/music:/media/music:ro']);
    expect(volumes.some((v) => /:z$|,z$/.test(v))).toBe(false);
    const items = selinuxItems('enforcing', inputs);
    expect(items[1]).toMatchObject({ status: 'warn', label: 'shared folders are not relabelled: /srv/media/movies, /srv/media/tv, /srv/media/music' });
    expect(items[1]?.hint).toContain('container_file_t');
    expect(selinuxItems('disabled', inputs)).toEqual([{ status: 'ok', label: 'SELinux is not enforcing: bind mounts need no label' }]);
  });
});

describe('deployments survive a reboot', () => {
  it('Docker keeps unless-stopped (its daemon restarts them); Podman gets always, the policy podman-restart.service starts', async () => {
    const inputs = await composeInputs('labapp');
    expect(buildComposeDocument(inputs, { deployment: 'a', engine: 'docker', selinux: 'disabled' }).services.labapp?.restart).toBe('unless-stopped');
    expect(buildComposeDocument(inputs, { deployment: 'a', engine: 'podman', selinux: 'disabled' }).services.labapp?.restart).toBe('always');
  });
});
