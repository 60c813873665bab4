import { describe, expect, it } from 'vitest';
import { describeOwner, parseListeners } from '../../../../src/providers/compose/listeners.js';
import { DOCKER_V1, fixture, PODMAN_COMPOSE } from './fixtures.js';

describe('parseListeners', () => {
  it('ss on the Docker host: the published port held by docker-proxy, with its pid', () => {
    const listeners = parseListeners(fixture(DOCKER_V1, 'listeners.txt'));
    const published = listeners.filter((l) => l.port === 18081);
    expect(published.map((l) => [l.protocol, l.address, l.process])).toEqual([
      ['tcp', '0.0.0.0', 'docker-proxy'],
      ['tcp', '::', 'docker-proxy'],
    ]);
    expect(published[0]?.pid).toBeGreaterThan(0);
    expect(listeners.find((l) => l.port === 22)?.process).toBe('sshd');
  });

  it('ss on the Podman host: conmon holds the port; udp sockets are read too', () => {
    const listeners = parseListeners(fixture(PODMAN_COMPOSE, 'listeners.txt'));
    expect(listeners.find((l) => l.port === 18081)?.process).toBe('conmon');
    expect(listeners.find((l) => l.protocol === 'udp')).toMatchObject({ port: 53, process: 'aardvark-dns' });
  });

  it('net-tools netstat: pid/name, names with spaces cut at the colon, udp without a state', () => {
    const docker = parseListeners(fixture(DOCKER_V1, 'listeners-netstat.txt'));
    expect(docker.find((l) => l.port === 22)).toMatchObject({ protocol: 'tcp', address: '10.210.1.2', process: 'sshd' });
    expect(docker.filter((l) => l.port === 18081).map((l) => l.address)).toEqual(['0.0.0.0', '::']);
    const podman = parseListeners(fixture(PODMAN_COMPOSE, 'listeners-netstat.txt'));
    expect(podman.find((l) => l.protocol === 'udp')).toMatchObject({ port: 53, process: 'aardvark-dns' });
  });

  it('names the owner, or says it cannot see it', () => {
    expect(describeOwner({ protocol: 'tcp', address: '*', port: 80, process: 'nginx', pid: 7 })).toBe('nginx (pid 7)');
    expect(describeOwner({ protocol: 'tcp', address: '*', port: 80 })).toContain('cannot see');
  });
});
