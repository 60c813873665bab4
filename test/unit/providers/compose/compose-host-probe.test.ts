import { describe, expect, it } from 'vitest';
import { chooseTool, isTool } from '../../../../src/providers/compose/compose-host.js';
import { parseComposeProbe, probeSections } from '../../../../src/providers/compose/compose-host-probe.js';
import { DOCKER_V1, DOCKER_V2_DOCUMENTED, fixture, PODMAN_COMPOSE, PODMAN_PLUGIN_DOCUMENTED } from './fixtures.js';

const auto = { flavour: 'auto' as const, tools: {} };

describe('parseComposeProbe on captured probes', () => {
  it('the Docker host: docker-compose 1.29.2 and podman-compose 1.0.3 found; docker compose v2 is not (the plugin refused --short)', () => {
    const host = parseComposeProbe(fixture(DOCKER_V1, 'probe.txt'));
    expect(host.tools.map((t) => [t.flavour, t.version, t.engine])).toEqual([
      ['docker-compose', '1.29.2', 'docker'],
      ['podman-compose', '1.0.3', 'podman'],
    ]);
    expect(host.engines).toEqual({ docker: '20.10.24+dfsg1', podman: '4.3.1' });
    expect(host.selinux).toBe('disabled');
    expect(host.traefik).toEqual({});
    expect(host.memoryBytes).toBeGreaterThan(2 ** 30);
  });

  it('the Podman host: docker-compose is installed but Docker does not answer, so podman-compose is chosen', () => {
    const host = parseComposeProbe(fixture(PODMAN_COMPOSE, 'probe.txt'));
    expect(host.engines.docker).toBeUndefined();
    expect(host.tools.map((t) => t.flavour)).toEqual(['docker-compose', 'podman-compose']);
    const tool = chooseTool(host, auto);
    expect(isTool(tool) && [tool.flavour, tool.argv]).toEqual(['podman-compose', ['podman-compose']]);
  });

  it('docker compose v2 (documented): the plugin version, enforcing SELinux, and Traefik on its own network', () => {
    const host = parseComposeProbe(fixture(DOCKER_V2_DOCUMENTED, 'probe.txt'));
    expect(host.tools).toEqual([{ flavour: 'docker compose', version: '2.24.5', argv: ['docker', 'compose'], engine: 'docker' }]);
    expect(host.selinux).toBe('enforcing');
    expect(host.traefik.docker).toEqual({ container: 'traefik', image: 'traefik:v3.1', networks: ['proxy'] });
  });

  it('podman compose (documented): the provider banner is skipped, the version line read', () => {
    const host = parseComposeProbe(fixture(PODMAN_PLUGIN_DOCUMENTED, 'probe.txt'));
    expect(host.tools).toEqual([{ flavour: 'podman compose', version: '2.27.0', argv: ['podman', 'compose'], engine: 'podman' }]);
    expect(host.engines).toEqual({ podman: '5.0.2' });
    expect(host.selinux).toBe('permissive');
  });

  it('splits sections by name and keeps each exit code', () => {
    const sections = probeSections(fixture(DOCKER_V1, 'probe.txt'));
    expect(sections.get('docker-compose')).toEqual({ text: '1.29.2', exitCode: 0 });
    expect(sections.get('docker-compose-plugin')?.exitCode).toBe(125);
  });
});

describe('chooseTool', () => {
  const dockerHost = parseComposeProbe(fixture(DOCKER_V1, 'probe.txt'));

  it('prefers docker flavours in order when their engine answers', () => {
    const tool = chooseTool(dockerHost, auto);
    expect(isTool(tool) && tool.flavour).toBe('docker-compose');
  });

  it('takes the flavour settings name, with the argv settings give it', () => {
    const tool = chooseTool(dockerHost, { flavour: 'podman-compose', tools: { 'podman-compose': ['sudo', 'podman-compose'] } });
    expect(isTool(tool) && [tool.flavour, tool.argv]).toEqual(['podman-compose', ['sudo', 'podman-compose']]);
  });

  it('says why there is none: a flavour the host lacks, an engine that is down, nothing installed', () => {
    const forced = chooseTool(dockerHost, { flavour: 'docker compose', tools: {} });
    expect(!isTool(forced) && forced.reason).toMatch(/docker compose \(chosen in settings\) is not usable.*found: docker-compose 1\.29\.2, podman-compose 1\.0\.3/);
    const down = chooseTool({ ...dockerHost, engines: {} }, auto);
    expect(!isTool(down) && down.reason).toContain('but docker or podman does not answer');
    const none = chooseTool({ tools: [], engines: {}, selinux: 'disabled', traefik: {} }, auto);
    expect(!isTool(none) && none.hint).toContain('install Docker');
  });
});
