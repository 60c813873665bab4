import { COMPOSE_PROBE_ARGV } from '../../../../src/providers/compose/compose-host-probe.js';
import { imagePresentCommand } from '../../../../src/providers/compose/engine-commands.js';
import { systemClock } from '../../../../src/platform/clock.js';
import type { ProviderContext } from '../../../../src/providers/provider.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { DOCKER_V1, fixture, PODMAN_COMPOSE } from './fixtures.js';

/**
 * A FakeRunner that answers like the lab's hosts (captured probe): the compose probe and, for each
 * image given, whether it is present. Tests add the calls their step makes.
 */
export function fakeComposeHost(kind: 'docker' | 'podman', images: Record<string, boolean>): FakeRunner {
  const runner = new FakeRunner(kind);
  runner.expect({ argv: COMPOSE_PROBE_ARGV, result: { stdout: fixture(kind === 'docker' ? DOCKER_V1 : PODMAN_COMPOSE, 'probe.txt') } });
  for (const [image, present] of Object.entries(images)) {
    runner.expect({ argv: imagePresentCommand(kind, image).argv, result: { exitCode: present ? 0 : 1 }, repeat: true });
  }
  return runner;
}

export function contextOf(runner: FakeRunner): ProviderContext {
  return { runner, hostName: runner.host, hostAddress: '10.0.0.5', clock: systemClock };
}
