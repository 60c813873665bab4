import { describe, expect, it } from 'vitest';
import { parseProbeOutput } from '../../../../src/platform/hosts/host-probe.js';
import { chooseTool, composeHostFrom, isTool } from '../../../../src/providers/compose/compose-host.js';
import { labProbe } from './fake-host.js';

const auto = { flavour: 'auto' as const, tools: {} };

describe('composeHostFrom: the compose provider reads the one host probe', () => {
  it('the lab Docker host: docker-compose 1.29.2 and podman-compose 1.0.3 found, both engines answer', () => {
    const host = composeHostFrom(parseProbeOutput(labProbe('docker')));
    expect(host.tools.map((t) => [t.flavour, t.version, t.engine])).toEqual([
      ['docker-compose', '1.29.2', 'docker'],
      ['podman-compose', '1.0.3', 'podman'],
    ]);
    expect(host.engines).toEqual({ docker: '20.10.24+dfsg1', podman: '4.3.1' });
    expect(host.selinux).toBe('disabled');
    expect(host.traefik).toEqual({});
    expect(host.memoryBytes).toBeGreaterThan(2 ** 30);
  });

  it('the lab Podman host: docker-compose is installed but Docker does not answer, so podman-compose is chosen', () => {
    const host = composeHostFrom(parseProbeOutput(labProbe('podman')));
    expect(host.engines.docker).toBeUndefined();
    expect(host.tools.map((t) => t.flavour)).toEqual(['docker-compose', 'podman-compose']);
    const tool = chooseTool(host, auto);
    expect(isTool(tool) && [tool.flavour, tool.argv]).toEqual(['podman-compose', ['podman-compose']]);
  });

  it('docker compose v2 (documented): the plugin version, enforcing SELinux, and Traefik on its own network', () => {
    const facts = parseProbeOutput(
      ['path.docker=/usr/bin/docker', 'version.docker=27.1.1', 'docker.server=27.1.1', 'compose.plugin=v2.24.5', 'selinux=Enforcing', 'traefik.docker=traefik:v3.1|traefik|proxy'].join('\n'),
    );
    const host = composeHostFrom(facts);
    expect(host.tools).toEqual([{ flavour: 'docker compose', engine: 'docker', version: '2.24.5', argv: ['docker', 'compose'] }]);
    expect(host.selinux).toBe('enforcing');
    expect(host.traefik.docker).toEqual({ container: 'traefik', image: 'traefik:v3.1', networks: ['proxy'] });
  });

  it('podman compose (documented, Podman 4.7 and later): its engine is Podman, SELinux permissive', () => {
    const host = composeHostFrom(parseProbeOutput(['path.podman=/usr/bin/podman', 'version.podman=5.0.2', 'compose.podman-plugin=2.27.0', 'selinux=0'].join('\n')));
    expect(host.tools).toEqual([{ flavour: 'podman compose', engine: 'podman', version: '2.27.0', argv: ['podman', 'compose'] }]);
    expect(host.engines).toEqual({ podman: '5.0.2' });
    expect(host.selinux).toBe('permissive');
  });
});

describe('chooseTool', () => {
  const dockerHost = composeHostFrom(parseProbeOutput(labProbe('docker')));

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
