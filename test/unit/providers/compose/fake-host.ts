import { readFileSync } from 'node:fs';
import { PROBE_ARGV } from '../../../../src/platform/hosts/host-probe.js';
import { imagePresentCommand } from '../../../../src/providers/compose/engine-commands.js';
import { systemClock } from '../../../../src/platform/clock.js';
import type { ProviderContext } from '../../../../src/providers/provider.js';
import { FakeRunner } from '../../../support/fake-runner.js';

/**
 * A FakeRunner that answers like the lab's hosts (captured probe): the host probe and, for each
 * image given, whether it is present. Tests add the calls their step makes.
 */
export function fakeComposeHost(kind: 'docker' | 'podman', images: Record<string, boolean>): FakeRunner {
  const runner = new FakeRunner(kind);
  runner.expect({ argv: PROBE_ARGV, result: { stdout: labProbe(kind) } });
  for (const [image, present] of Object.entries(images)) {
    runner.expect({ argv: imagePresentCommand(kind, image).argv, result: { exitCode: present ? 0 : 1 }, repeat: true });
  }
  return runner;
}

export function contextOf(runner: FakeRunner): ProviderContext {
  return { runner, hostName: runner.host, hostAddress: '10.0.0.5', clock: systemClock };
}

/** The host probe's output captured on the lab's Docker or Podman host (test/fixtures/host-probe). */
export function labProbe(kind: 'docker' | 'podman'): string {
  return readFileSync(new URL(`../../../fixtures/host-probe/lab-${kind}.txt`, import.meta.url), 'utf8');
}
