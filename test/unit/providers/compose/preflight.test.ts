import { describe, expect, it } from 'vitest';
import { psCommand, registryCheckCommand } from '../../../../src/providers/compose/engine-commands.js';
import { hostPathsArgv } from '../../../../src/providers/compose/host-paths.js';
import { LISTENERS_ARGV } from '../../../../src/providers/compose/listeners.js';
import { composePreflight } from '../../../../src/providers/compose/preflight.js';
import { settingsSchema } from '../../../../src/platform/config/settings.js';
import { writeFileCommand } from '../../../../src/platform/remote-file.js';
import type { FakeRunner } from '../../../support/fake-runner.js';
import { fakeComposeHost } from './fake-host.js';
import { capturedOutput, DOCKER_V1, fixture, PODMAN_COMPOSE } from './fixtures.js';
import { composeInputs } from './inputs.js';

const settings = settingsSchema.parse({}).compose;
const TEMP = '/tmp/homelab-tui-check.Ab12Cd';

/** The calls of a preflight on a host where the paths do not exist yet and the project is new. */
function expectPreflightCalls(runner: FakeRunner, kind: 'docker' | 'podman', project: string, paths: string[], config: { exitCode: number; stderr: string }): void {
  const compose = kind === 'docker' ? ['docker-compose'] : ['podman-compose'];
  const file = `${TEMP}/compose.yaml`;
  runner.expect(
    { argv: hostPathsArgv(paths), result: { stdout: paths.map((p) => `${p}\t0\t12000000\t/srv\n`).join('') } },
    { argv: psCommand(kind, project).argv, result: { stdout: kind === 'docker' ? '' : '[]\n' } },
    { argv: LISTENERS_ARGV, result: { stdout: fixture(kind === 'docker' ? DOCKER_V1 : PODMAN_COMPOSE, 'listeners.txt') } },
    { argv: ['mktemp', '-d', '/tmp/homelab-tui-check.XXXXXX'], result: { stdout: `${TEMP}\n` } },
    { argv: writeFileCommand(file, '', 0o600).argv },
    { argv: [...compose, '-p', project, '-f', file, 'config', ...(kind === 'docker' ? ['-q'] : [])], result: config },
    { argv: ['rm', '-rf', '--', TEMP] },
  );
}

describe('composePreflight', () => {
  it('refuses a port in use, naming the port and the process that holds it', async () => {
    const runner = fakeComposeHost('docker', { 'local/labapp:1': true });
    expectPreflightCalls(runner, 'docker', 'labapp', ['/opt/homelab-tui/labapp', '/srv/labapp/data'], { exitCode: 0, stderr: '' });
    const items = await composePreflight(runner, await composeInputs('labapp', 'port=18081'), settings);
    const port = items.find((i) => i.label.startsWith('port 18081/tcp'));
    expect(port).toMatchObject({ status: 'fail', label: 'port 18081/tcp is in use on docker' });
    expect(port?.detail).toMatch(/^docker-proxy \(pid \d+\) listens on 0\.0\.0\.0:18081$/);
    expect(port?.hint).toContain('--set port=18082');
    expect(items.map((i) => `${i.status} ${i.label}`)).toEqual([
      'ok compose: docker-compose 1.29.2 (Docker 20.10.24+dfsg1)',
      'ok SELinux is not enforcing: bind mounts need no label',
      'ok the project "labapp" is new on docker (/opt/homelab-tui/labapp)',
      'ok 11.4 GiB free on /srv for /srv/labapp/data',
      'fail port 18081/tcp is in use on docker',
      'ok image local/labapp:1 is on docker',
      'ok docker-compose 1.29.2 accepts the compose file (config)',
    ]);
    runner.verify();
  });

  it('reports what the host\'s own config says against the file', async () => {
    const runner = fakeComposeHost('docker', { 'local/labapp:1': true });
    expectPreflightCalls(runner, 'docker', 'labapp', ['/opt/homelab-tui/labapp', '/srv/labapp/data'], { exitCode: 1, stderr: 'ERROR: The Compose file is invalid because:\nservices.labapp.ports is invalid\n' });
    const items = await composePreflight(runner, await composeInputs('labapp'), settings);
    expect(items.at(-1)).toMatchObject({ status: 'fail', label: 'docker-compose 1.29.2 rejects the compose file', detail: 'ERROR: The Compose file is invalid because:\nservices.labapp.ports is invalid' });
  });

  it('uploads env files for the config check with every secret replaced; images to pull are asked of the registry', async () => {
    const runner = fakeComposeHost('docker', { 'gotson/komga:1.21.2': true, 'sndxr/komf:latest': false });
    runner.expect({ argv: registryCheckCommand('docker', 'sndxr/komf:latest').argv });
    runner.expect({ argv: writeFileCommand(`${TEMP}/komf.env`, '', 0o600).argv, stdin: 'KOMF_KOMGA_PASSWORD=masked\n' });
    const paths = ['/opt/homelab-tui/komga', '/srv/komga/config', '/srv/komga/tmp', '/srv/media/comics', '/srv/komga/komf'];
    expectPreflightCalls(runner, 'docker', 'komga', paths, { exitCode: 0, stderr: '' });
    const inputs = await composeInputs('komga', 'komf=true', 'komf_komga_user=k@example.org', 'komf_komga_password=pw-Komf-secret');
    const items = await composePreflight(runner, inputs, settings);
    expect(items.filter((i) => i.label.startsWith('image')).map((i) => `${i.status} ${i.label}`)).toEqual([
      'ok image gotson/komga:1.21.2 is on docker',
      'ok image sndxr/komf:latest will be pulled from its registry',
    ]);
    expect(items.find((i) => i.label.includes('/srv/media/comics'))).toMatchObject({ status: 'warn', detail: 'it will be created empty' });
    expect(JSON.stringify(runner.calls)).not.toContain('pw-Komf-secret');
    runner.verify();
  });

  it('podman-compose 1.0.3 has no config: a warning, the schema check stands; a missing image that cannot be pulled fails with the registry\'s words', async () => {
    const runner = fakeComposeHost('podman', { 'local/labapp:1': false });
    const registry = capturedOutput(fixture(PODMAN_COMPOSE, 'images.txt').split('@@registry postgres:16\n')[1] ?? '');
    runner.expect({ argv: registryCheckCommand('podman', 'docker.io/local/labapp:1').argv, result: { exitCode: 125, stderr: registry.stderr } });
    expectPreflightCalls(runner, 'podman', 'labapp', ['/opt/homelab-tui/labapp', '/srv/labapp/data'], capturedOutput(fixture(PODMAN_COMPOSE, 'config.txt')));
    const items = await composePreflight(runner, await composeInputs('labapp'), settings);
    expect(items.find((i) => i.label.includes('no config command'))).toMatchObject({ status: 'warn', label: 'podman-compose 1.0.3 has no config command' });
    const image = items.find((i) => i.label.startsWith('image'));
    expect(image).toMatchObject({ status: 'fail', label: 'image docker.io/local/labapp:1 is not on podman and cannot be pulled' });
    expect(image?.detail).toContain('short-name "postgres:16" did not resolve');
    runner.verify();
  });

  it('a host without a usable compose tool is one failed item with what to install', async () => {
    const runner = fakeComposeHost('podman', {});
    const probe = runner.calls;
    const items = await composePreflight(runner, await composeInputs('labapp'), { ...settings, flavour: 'docker compose' });
    expect(items).toEqual([{ status: 'fail', label: 'compose tool', detail: 'podman: docker compose (chosen in settings) is not usable on this host; found: docker-compose 1.29.2, podman-compose 1.0.3', hint: 'install it, or set compose.flavour to auto in settings.yaml' }]);
    expect(probe).toHaveLength(1);
  });
});
