import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src/platform/clock.js';
import { CommandError } from '../../../../src/platform/errors.js';
import { factsCacheFile, readCachedFacts, writeCachedFacts } from '../../../../src/services/hosts/detect-host.js';
import { probeHost as detectHost } from '../../../../src/platform/hosts/probe-host.js';
import { parseProbeOutput } from '../../../../src/platform/hosts/host-probe.js';
import { PROBE_ARGV } from '../../../../src/platform/hosts/host-probe.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const PROBE_OUT = 'os.id=debian\nos.version=12\nos.name=Debian\nkernel=6.1\narch=aarch64\ncores=4\nuser=root\nuid=0\npath.pct=/usr/sbin/pct\npath.pvesh=/usr/bin/pvesh\nstamp.pvesh=1700000000.2048\nversion.pvesh=8.2.4\n';

function clockAt(now: number): Clock {
  return { now: () => now, sleep: async () => undefined };
}

describe('detectHost', () => {
  it('runs the probe once and parses it', async () => {
    const runner = new FakeRunner('pve').expect({ argv: PROBE_ARGV, result: { stdout: PROBE_OUT } });
    const facts = await detectHost(runner);
    runner.verify();
    expect(facts).toMatchObject({ arch: 'aarch64', cores: 4, proxmoxVersion: '8.2.4', tools: { pct: { path: '/usr/sbin/pct' } } });
  });

  it('hands the versions found last time to the probe on stdin', async () => {
    const first = new FakeRunner('pve').expect({ argv: PROBE_ARGV, result: { stdout: PROBE_OUT } });
    const previous = await detectHost(first);
    const second = new FakeRunner('pve').expect({ argv: PROBE_ARGV, stdin: 'pvesh 1700000000.2048 8.2.4\n', result: { stdout: PROBE_OUT } });
    await detectHost(second, { previous });
    second.verify();
  });

  it('fails with a CommandError naming the host when the probe fails', async () => {
    const runner = new FakeRunner('odd').expect({ argv: PROBE_ARGV, result: { exitCode: 127, stderr: 'sh: not found' } });
    const error = await detectHost(runner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ host: 'odd', exitCode: 127 });
  });
});

describe('facts cache', () => {
  it('stores facts with the time they were gathered (mode 0600) and serves them only while young enough', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    const first = await writeCachedFacts(cacheDir, 'pve', parseProbeOutput(PROBE_OUT), clockAt(Date.parse('2025-01-01T00:00:00Z')));
    expect(first.detectedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(statSync(factsCacheFile(cacheDir, 'pve')).mode & 0o777).toBe(0o600);
    expect(await readCachedFacts(cacheDir, 'pve', 60_000, clockAt(Date.parse('2025-01-01T00:00:59Z')))).toEqual(first);
    expect(await readCachedFacts(cacheDir, 'pve', 60_000, clockAt(Date.parse('2025-01-01T00:01:01Z')))).toBeUndefined();
  });

  it('ignores a corrupt or foreign cache file', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hl-cache-'));
    await writeCachedFacts(cacheDir, 'pve', parseProbeOutput(PROBE_OUT), clockAt(0));
    const file = factsCacheFile(cacheDir, 'pve');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"pve"', '"other"'));
    expect(await readCachedFacts(cacheDir, 'pve', 60_000, clockAt(0))).toBeUndefined();
    writeFileSync(file, '{ not json');
    expect(await readCachedFacts(cacheDir, 'pve', 60_000, clockAt(0))).toBeUndefined();
  });
});
