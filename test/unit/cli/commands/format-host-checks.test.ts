import { describe, expect, it } from 'vitest';
import { formatHostChecks } from '../../../../src/cli/commands/format-host-checks.js';
import type { HostCheck } from '../../../../src/services/hosts/check-hosts.js';
import { parseProbeOutput } from '../../../../src/platform/hosts/host-probe.js';

describe('formatHostChecks', () => {
  it('prints a row per host, then each failure once with its hint', () => {
    const facts = parseProbeOutput('os.id=debian\nos.version=12\narch=x86_64\ncores=2\nmem.kb=2097152 1048576\ndisk.kb=10485760 5242880\nuid=0\npath.docker=/usr/bin/docker\ndocker.client=24.0.5\ndocker.server=24.0.5\ncompose.plugin=2.20.2\n');
    const results: HostCheck[] = [
      { host: 'docker1', ok: true, reachable: true, hostKey: 'accepted', auth: 'ok', facts, durationMs: 10 },
      { host: 'nas', ok: false, reachable: false, hostKey: 'not-checked', auth: 'not-tried', durationMs: 5000, error: { message: 'nas: no route to 10.0.0.9:22', hint: 'check that the host is up' } },
    ];
    const text = formatHostChecks(results);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^HOST\s+STATUS\s+OS/);
    expect(lines[1]).toMatch(/^docker1\s+ok\s+debian 12\s+x86_64\s+2\s+1\.0G\/2\.0G\s+5\.0G\s+docker 24\.0\.5, docker compose 2\.20\.2$/);
    expect(lines[2]).toMatch(/^nas\s+unreachable$/);
    expect(text).toContain('host key of docker1 accepted and remembered');
    expect(text).toContain('✗ nas: no route to 10.0.0.9:22\n  hint: check that the host is up');
  });
});
