// The installed version of a recipe's Debian package, read with dpkg-query in the guest.
import { describe, expect, it } from 'vitest';
import { firstLoginStep, installedVersion } from '../../../../src/providers/proxmox-lxc/package-facts.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const query = ['pct', 'exec', '120', '--', 'dpkg-query', '-W', '-f', '${Version}', 'qbittorrent-nox'];

describe('package facts', () => {
  it("reads Debian's version string as dpkg prints it", async () => {
    const runner = new FakeRunner().expect({ argv: query, result: { exitCode: 0, stdout: '4.5.2-3+deb12u1' } });
    expect(await installedVersion(runner, 120, 'qbittorrent-nox')).toBe('4.5.2-3+deb12u1');
    runner.verify();
  });

  it('a package that is not installed, or output that is not a version, gives none', async () => {
    const missing = new FakeRunner().expect({ argv: query, result: { exitCode: 1, stderr: 'dpkg-query: no packages found matching qbittorrent-nox\n' } });
    expect(await installedVersion(missing, 120, 'qbittorrent-nox')).toBeUndefined();
    const odd = new FakeRunner().expect({ argv: query, result: { exitCode: 0, stdout: 'two words' } });
    expect(await installedVersion(odd, 120, 'qbittorrent-nox')).toBeUndefined();
  });

  it('the first-login step runs the recipe script in the guest with sh -e and streams its output', () => {
    const step = firstLoginStep(120, 'qbittorrent', 'echo hi\n');
    expect(step.actions[0]).toMatchObject({ kind: 'run', stream: true, command: { argv: ['pct', 'exec', '120', '--', 'sh', '-ec', 'echo hi\n'] } });
  });
});
