// The image part of the compose preflight on a host whose engine cannot reach a registry: a warning
// in words within a few seconds (the engine's raw text only in the detail), one question per registry.
import { describe, expect, it } from 'vitest';
import { registryCheckCommand } from '../../../../src/providers/compose/engine-commands.js';
import { checkImages } from '../../../../src/providers/compose/preflight-images.js';
import { REGISTRY_CHECK_TIMEOUT_MS, registryOf, registryReach } from '../../../../src/providers/compose/registry-reach.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { capturedOutput, DOCKER_V1, fixture, PODMAN_COMPOSE } from './fixtures.js';

const WORDS = 'the registry cannot be reached from local: the image will be pulled at install, which will fail unless it is loaded by hand or a mirror is set';
const dockerNoNetwork = capturedOutput(fixture(DOCKER_V1, 'images.txt').split('@@registry postgres:16\n')[1] ?? '');
const podmanShortName = capturedOutput(fixture(PODMAN_COMPOSE, 'images.txt').split('@@registry postgres:16\n')[1] ?? '');

describe('registry reach', () => {
  it('asks the engine for a few seconds at most', () => {
    expect(registryCheckCommand('podman', 'docker.io/library/postgres:16').timeoutMs).toBe(REGISTRY_CHECK_TIMEOUT_MS);
    expect(REGISTRY_CHECK_TIMEOUT_MS).toBeLessThanOrEqual(5_000);
  });

  it('tells an unreachable registry from one that answered no', () => {
    expect(registryReach({ exitCode: 0, stdout: '{}', stderr: '' })).toEqual({ kind: 'pullable' });
    expect(registryReach({ exitCode: null, stdout: '', stderr: '', timedOut: true })).toEqual({ kind: 'unreachable', timedOut: true });
    expect(registryReach({ exitCode: dockerNoNetwork.exitCode, stdout: '', stderr: dockerNoNetwork.stderr })).toEqual({ kind: 'unreachable', timedOut: false });
    expect(registryReach({ exitCode: 1, stdout: '', stderr: 'no such manifest: docker.io/library/postgres:99' })).toEqual({ kind: 'refused' });
    expect(registryReach({ exitCode: podmanShortName.exitCode, stdout: '', stderr: podmanShortName.stderr })).toEqual({ kind: 'refused' });
  });

  it('reads the registry from a reference as Docker does', () => {
    expect(registryOf('postgres:16')).toBe('docker.io');
    expect(registryOf('gotson/komga:1')).toBe('docker.io');
    expect(registryOf('ghcr.io/a/b:1')).toBe('ghcr.io');
    expect(registryOf('10.220.2.9:5000/lab/app:1')).toBe('10.220.2.9:5000');
    expect(registryOf('localhost/x:1')).toBe('localhost');
  });
});

describe('checkImages without a registry', () => {
  it('a registry that gives no answer: a warning in words, the wait and the raw text in the detail, asked once', async () => {
    const runner = new FakeRunner('local');
    runner.expect({ argv: registryCheckCommand('podman', '10.220.2.9:5000/lab/app:1').argv, result: { exitCode: null, timedOut: true } });
    const items = await checkImages(runner, 'podman', new Map([['10.220.2.9:5000/lab/app:1', false], ['10.220.2.9:5000/lab/db:1', false], ['local/labapp:1', true]]));
    expect(items.map((i) => i.status)).toEqual(['warn', 'warn', 'ok']);
    expect(items[0]?.label).toBe(`image 10.220.2.9:5000/lab/app:1: ${WORDS}`);
    expect(items[0]?.detail).toBe('10.220.2.9:5000 gave no answer within 5 s');
    expect(items[0]?.hint).toContain('podman load');
    expect(items[1]?.label).toBe(`image 10.220.2.9:5000/lab/db:1: ${WORDS}`);
    expect(runner.calls).toHaveLength(1);
    runner.verify();
  });

  it("no network on the host (Docker's captured words): a warning, the engine's text only in the detail", async () => {
    const runner = new FakeRunner('local');
    runner.expect({ argv: registryCheckCommand('docker', 'postgres:16').argv, result: dockerNoNetwork });
    const [item] = await checkImages(runner, 'docker', new Map([['postgres:16', false]]));
    expect(item?.status).toBe('warn');
    expect(item?.label).not.toMatch(/dial tcp|pinging/);
    expect(item?.detail).toContain('network is unreachable');
    runner.verify();
  });

  it('a registry that answered no is still a failure', async () => {
    const runner = new FakeRunner('local');
    runner.expect({ argv: registryCheckCommand('docker', 'postgres:99').argv, result: { exitCode: 1, stderr: 'no such manifest: docker.io/library/postgres:99\n' } });
    const [item] = await checkImages(runner, 'docker', new Map([['postgres:99', false]]));
    expect(item).toMatchObject({ status: 'fail', label: 'image postgres:99 is not on local and cannot be pulled', detail: 'no such manifest: docker.io/library/postgres:99' });
  });
});
