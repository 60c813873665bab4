import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../../src/platform/clock.js';
import { describe, expect, it } from 'vitest';
import { readCachedFacts, writeCachedFacts } from '../../../../src/services/hosts/detect-host.js';
import { parseProbeOutput } from '../../../../src/platform/hosts/host-probe.js';
import type { CommandRunner } from '../../../../src/platform/runner/command-runner.js';
import { checkHosts } from '../../../../src/services/hosts/check-hosts.js';
import { PROBE_ARGV } from '../../../../src/platform/hosts/host-probe.js';
import type { KnownHost } from '../../../../src/platform/config/inventory.js';
import { SshConnectError } from '../../../../src/platform/ssh/ssh-errors.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const host = (name: string): KnownHost => ({ kind: 'ssh', name, address: `${name}.lan`, tags: [] });

function failing(name: string, error: Error): CommandRunner {
  return { host: name, run: async () => Promise.reject(error), stream: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) }), close: async () => undefined };
}

describe('checkHosts', () => {
  it('reports each stage per host and keeps the input order', async () => {
    const good = new FakeRunner('good').expect({ argv: PROBE_ARGV, result: { stdout: 'os.id=debian\nuser=root\nuid=0\narch=x86_64\n' } });
    const runners: Record<string, CommandRunner> = {
      good,
      fresh: new FakeRunner('fresh').expect({ argv: PROBE_ARGV, result: { stdout: 'uid=0\n' } }),
      dead: failing('dead', new SshConnectError('dead: no route', 'check it', 'unreachable', 'dead')),
      stranger: failing('stranger', new SshConnectError('stranger: unknown key', 'use --accept-new-host-key', 'host-key-unknown', 'stranger')),
      evil: failing('evil', new SshConnectError('evil: CHANGED', 'remove the key', 'host-key-changed', 'evil')),
      locked: failing('locked', new SshConnectError('locked: auth failed', 'ssh-add', 'auth-failed', 'locked')),
    };
    const results = await checkHosts(Object.keys(runners).map(host), {
      runnerFor: (h) => runners[h.name] as CommandRunner,
      concurrency: 3,
      accepted: new Set(['fresh']),
    });
    expect(results.map((r) => [r.host, r.ok, r.reachable, r.hostKey, r.auth])).toEqual([
      ['good', true, true, 'known', 'ok'],
      ['fresh', true, true, 'accepted', 'ok'],
      ['dead', false, false, 'not-checked', 'not-tried'],
      ['stranger', false, true, 'unknown', 'not-tried'],
      ['evil', false, true, 'changed', 'not-tried'],
      ['locked', false, true, 'known', 'failed'],
    ]);
    expect(results[0]?.facts?.arch).toBe('x86_64');
    expect(results[3]?.error).toEqual({ message: 'stranger: unknown key', hint: 'use --accept-new-host-key' });
    good.verify();
  });

  it('caches the facts and lends their versions to the next check of the same host', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-check-'));
    await writeCachedFacts(cacheDir, 'docker1', parseProbeOutput('uid=0\npath.podman=/usr/bin/podman\nstamp.podman=5.6\nversion.podman=4.3.1\n'), { now: () => 0, sleep: async () => undefined });
    const runner = new FakeRunner('docker1').expect({ argv: PROBE_ARGV, stdin: 'podman 5.6 4.3.1\n', result: { stdout: 'uid=0\narch=riscv64\n' } });
    const [result] = await checkHosts([host('docker1')], { runnerFor: () => runner, concurrency: 1, cacheDir });
    runner.verify();
    expect(result?.ok).toBe(true);
    expect((await readCachedFacts(cacheDir, 'docker1', Number.POSITIVE_INFINITY, systemClock))?.facts.arch).toBe('riscv64');
  });

  it('reports a probe that failed after connecting as reachable and authenticated', async () => {
    const runner = new FakeRunner('odd').expect({ argv: PROBE_ARGV, result: { exitCode: 2, stderr: 'boom' } });
    const [result] = await checkHosts([host('odd')], { runnerFor: () => runner, concurrency: 1 });
    expect(result).toMatchObject({ ok: false, reachable: true, auth: 'ok', hostKey: 'known' });
    expect(result?.error?.message).toContain('boom');
  });

  it('does not let a slow host hold up the others beyond the limit', async () => {
    const order: string[] = [];
    const slow: CommandRunner = {
      host: 'slow',
      run: async () => {
        await new Promise((r) => setTimeout(r, 80));
        order.push('slow');
        return { exitCode: 0, stdout: 'uid=0\n', stderr: '' };
      },
      stream: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
      close: async () => undefined,
    };
    const fast = (name: string): CommandRunner => ({ ...slow, host: name, run: async () => (order.push(name), { exitCode: 0, stdout: 'uid=0\n', stderr: '' }) });
    const names = ['slow', 'a', 'b', 'c'];
    await checkHosts(names.map(host), { runnerFor: (h) => (h.name === 'slow' ? slow : fast(h.name)), concurrency: 2 });
    expect(order).toEqual(['a', 'b', 'c', 'slow']);
  });
});
