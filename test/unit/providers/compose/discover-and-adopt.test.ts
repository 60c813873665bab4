import { describe, expect, it } from 'vitest';
import { parseComposeContainers, unmanagedProjects } from '../../../../src/providers/compose/discover.js';
import { unmanagedContainers } from '../../../../src/providers/proxmox-lxc/discover.js';
import { unmanagedWorkloads } from '../../../../src/providers/k3s/discover.js';
import { parseFingerprints } from '../../../../src/providers/compose/adopt/fingerprint.js';
import { matchRecipe, normalizeImage } from '../../../../src/providers/compose/adopt/match-recipe.js';
import { loadCatalog } from '../../../../src/services/catalog/catalog.js';

// `docker ps -a --filter label=com.docker.compose.project --format '{{json .}}'` on the lab (docker 20.10,
// docker-compose 1.29.2), trimmed: a hand-made project, and one of homelab-tui's own.
const DOCKER_PS = [
  '{"ID":"7b947b6dc6af","Image":"local/labapp:1","Labels":"com.docker.compose.service=web,com.docker.compose.project=handmade,com.docker.compose.project.config_files=docker-compose.yml,com.docker.compose.project.working_dir=/srv/handmade","Names":"handmade_web_1","State":"running"}',
  '{"ID":"aa","Image":"local/labapp:1","Labels":"com.docker.compose.service=labapp,com.docker.compose.project=photos,homelab-tui.deployment=photos","Names":"photos_labapp_1","State":"running"}',
  '{"ID":"bb","Image":"postgres:16","Labels":"com.docker.compose.service=db,com.docker.compose.project=wiki","Names":"wiki_db_1","State":"exited"}',
].join('\n');

// podman 4.3 `ps -a --format json` (one array, labels as an object).
const PODMAN_PS = JSON.stringify([{ Id: 'c1', Image: 'localhost/local/labapp:2', State: 'running', Labels: { 'com.docker.compose.project': 'notes', 'com.docker.compose.service': 'app' } }]);

// `docker inspect` of the hand-made container, the fields adopt reads.
const INSPECT = JSON.stringify([
  {
    Config: { Image: 'local/labapp:1', Env: ['PATH=/bin', 'SECRET_TOKEN=hunter2'], Labels: { 'com.docker.compose.project': 'handmade', 'com.docker.compose.service': 'web' } },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '', HostPort: '18300' }] } },
    Mounts: [{ Type: 'bind', Source: '/srv/handmade/data', Destination: '/data' }],
  },
]);

describe('finding what runs without a record', () => {
  it('groups compose containers by project, leaving out homelab-tui\'s own and recorded projects', () => {
    const found = unmanagedProjects('docker', parseComposeContainers(DOCKER_PS), new Set(['wiki']));
    expect(found).toEqual([{ project: 'handmade', engine: 'docker', services: ['web'], images: ['local/labapp:1'], running: 1, total: 1, workingDir: '/srv/handmade', configFiles: ['docker-compose.yml'] }]);
    expect(unmanagedProjects('docker', parseComposeContainers(DOCKER_PS), new Set()).map((p) => p.project)).toEqual(['handmade', 'wiki']);
  });

  it('reads podman\'s array, and nothing from output it cannot read', () => {
    expect(unmanagedProjects('podman', parseComposeContainers(PODMAN_PS), new Set())).toEqual([expect.objectContaining({ project: 'notes', services: ['app'], running: 1 })]);
    expect(parseComposeContainers('Error: cannot connect')).toEqual([]);
  });

  it('lists the node\'s containers that no record names, with their tags', () => {
    const list = JSON.stringify([
      { vmid: 120, name: 'jellyfin', status: 'running', tags: 'community-script;media' },
      { vmid: 121, name: 'mine', status: 'stopped' },
    ]);
    expect(unmanagedContainers(list, new Set([121]))).toEqual([{ vmid: 120, name: 'jellyfin', status: 'running', tags: ['community-script', 'media'] }]);
    expect(unmanagedContainers('not json', new Set())).toEqual([]);
  });
});

describe('k3s workloads not applied by homelab-tui', () => {
  it('keeps Deployments and StatefulSets outside the cluster\'s own namespaces', () => {
    const list = {
      items: [
        { kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' }, spec: { replicas: 1 }, status: { readyReplicas: 1 } },
        { kind: 'Deployment', metadata: { name: 'notes', namespace: 'byhand' }, spec: { replicas: 2, template: { spec: { containers: [{ image: 'local/labapp:1' }] } } }, status: { readyReplicas: 1 } },
        { kind: 'StatefulSet', metadata: { name: 'db', namespace: 'byhand' }, spec: { template: { spec: { containers: [{ image: 'postgres:16' }] } } } },
      ],
    };
    expect(unmanagedWorkloads(JSON.stringify(list))).toEqual([
      { kind: 'Deployment', namespace: 'byhand', name: 'notes', ready: 1, replicas: 2, images: ['local/labapp:1'] },
      { kind: 'StatefulSet', namespace: 'byhand', name: 'db', ready: 0, replicas: 1, images: ['postgres:16'] },
    ]);
    expect(unmanagedWorkloads('error')).toEqual([]);
  });
});

describe('matching a recipe', () => {
  it('fingerprints ports and mounts, and env names only (never values)', () => {
    const fps = parseFingerprints(INSPECT);
    expect(fps).toEqual([{ service: 'web', project: 'handmade', image: 'local/labapp:1', ports: [{ container: 8080, host: 18300, protocol: 'tcp' }], mounts: [{ target: '/data', source: '/srv/handmade/data', bind: true }], envNames: ['PATH', 'SECRET_TOKEN'] }]);
    expect(JSON.stringify(fps)).not.toContain('hunter2');
    expect(parseFingerprints('[{"nope":1}]')).toEqual({ problem: expect.stringContaining('another shape') });
  });

  it('finds the lab app from its image, with the version from the tag and the answers from the port and folder', async () => {
    const catalog = await loadCatalog();
    const fps = parseFingerprints(INSPECT);
    if ('problem' in fps) throw new Error(fps.problem);
    const match = matchRecipe(catalog.recipes, fps);
    expect(match?.recipe.id).toBe('labapp');
    expect(match).toMatchObject({ version: '1', services: { labapp: 'web' }, answers: { port: 18300, data_dir: '/srv/handmade/data' }, notes: [] });
    expect(match?.evidence.port).toBe('web publishes 8080/tcp on host port 18300');
    // Podman's localhost/ prefix names the same image; a tag the recipe does not list is said.
    const podman = [{ ...fps[0]!, image: 'localhost/local/labapp:7' }];
    expect(matchRecipe(catalog.recipes, podman)).toMatchObject({ version: '7', notes: [expect.stringContaining('version 7 is not one the recipe lists')] });
    expect(matchRecipe(catalog.recipes, [{ ...fps[0]!, image: 'nginx:1' }])).toBeUndefined();
    expect(matchRecipe(catalog.recipes, fps, 'kavita')).toBeUndefined();
    expect(normalizeImage('docker.io/library/postgres:16')).toBe('postgres:16');
  });
});
