import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_ARGV } from '../../../../src/platform/hosts/host-probe.js';
import { createHostFactsService, HOST_FACTS_TTL_MS } from '../../../../src/services/hosts/host-facts-service.js';
import { readCachedFacts } from '../../../../src/services/hosts/detect-host.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const probeOut = (cores: number) => `os.id=debian\nos.version=12\nos.name=Debian\nkernel=6.1\narch=x86_64\ncores=${cores}\nuser=root\nuid=0\npath.podman=/usr/bin/podman\nstamp.podman=5.6\nversion.podman=4.3.1\n`;
const START = Date.parse('2026-01-01T12:00:00Z');

describe('host facts service', () => {
  it('probes once, serves the kept facts until the TTL passes (by the injected clock), then probes again', async () => {
    const clock = new FakeClock(START);
    const runner = new FakeRunner('docker1').expect({ argv: PROBE_ARGV, result: { stdout: probeOut(2) } }, { argv: PROBE_ARGV, result: { stdout: probeOut(4) } });
    const service = createHostFactsService({ runnerFor: () => runner, clock });
    const first = await service.facts('docker1');
    expect(first).toMatchObject({ host: 'docker1', detectedAt: '2026-01-01T12:00:00.000Z', facts: { cores: 2 } });
    clock.advance(HOST_FACTS_TTL_MS);
    expect(await service.facts('docker1')).toBe(first);
    expect(runner.calls).toHaveLength(1);
    clock.advance(1);
    const second = await service.facts('docker1');
    expect(second).toMatchObject({ detectedAt: new Date(START + HOST_FACTS_TTL_MS + 1).toISOString(), facts: { cores: 4 } });
    expect(runner.calls).toHaveLength(2);
    runner.verify();
  });

  it('refresh probes now whatever the age, and hands the versions it knows to the probe', async () => {
    const clock = new FakeClock(START);
    const runner = new FakeRunner('docker1').expect({ argv: PROBE_ARGV, result: { stdout: probeOut(2) } }, { argv: PROBE_ARGV, stdin: 'podman 5.6 4.3.1\n', result: { stdout: probeOut(8) } });
    const service = createHostFactsService({ runnerFor: () => runner, clock, ttlMs: 60_000 });
    await service.facts('docker1');
    clock.advance(1_000);
    expect((await service.refresh('docker1')).facts.cores).toBe(8);
    expect(service.peek('docker1')).toMatchObject({ detectedAt: new Date(START + 1_000).toISOString() });
    runner.verify();
  });

  it('shares one probe between callers asking at once, and lets a failed probe not stick', async () => {
    const clock = new FakeClock(START);
    const runner = new FakeRunner('docker1').expect({ argv: PROBE_ARGV, result: { exitCode: 255, stderr: 'connection reset' } }, { argv: PROBE_ARGV, result: { stdout: probeOut(2) } });
    const service = createHostFactsService({ runnerFor: () => runner, clock });
    const [a, b] = await Promise.allSettled([service.facts('docker1'), service.facts('docker1')]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect(runner.calls).toHaveLength(1);
    expect(service.peek('docker1')).toBeUndefined();
    expect((await service.facts('docker1')).facts.cores).toBe(2);
    runner.verify();
  });

  it('writes the facts to the cache dir with the clock time, and starts from them (their versions) in a new process', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-facts-'));
    const clock = new FakeClock(START);
    const first = createHostFactsService({ runnerFor: () => new FakeRunner('docker1').expect({ argv: PROBE_ARGV, result: { stdout: probeOut(2) } }), clock, cacheDir });
    await first.facts('docker1');
    expect((await readCachedFacts(cacheDir, 'docker1', 0, clock))?.detectedAt).toBe('2026-01-01T12:00:00.000Z');
    const runner = new FakeRunner('docker1').expect({ argv: PROBE_ARGV, stdin: 'podman 5.6 4.3.1\n', result: { stdout: probeOut(2) } });
    await createHostFactsService({ runnerFor: () => runner, clock, cacheDir }).facts('docker1');
    runner.verify();
  });

  it('recent: facts kept or cached by an earlier run within the TTL, without probing; none once they are older', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-facts-'));
    const clock = new FakeClock(START);
    const service = createHostFactsService({ runnerFor: () => new FakeRunner('docker1').expect({ argv: PROBE_ARGV, result: { stdout: probeOut(2) } }), clock, cacheDir });
    expect(await service.recent('docker1')).toBeUndefined();
    await service.facts('docker1');
    expect((await service.recent('docker1'))?.facts.cores).toBe(2);
    // A new process (a second `status`) reads the cache file; its runner would fail the test if asked.
    const idle = new FakeRunner('docker1');
    const next = createHostFactsService({ runnerFor: () => idle, clock, cacheDir });
    clock.advance(HOST_FACTS_TTL_MS);
    expect((await next.recent('docker1'))?.facts.cores).toBe(2);
    clock.advance(1);
    expect(await next.recent('docker1')).toBeUndefined();
    expect(idle.calls).toHaveLength(0);
  });
});
