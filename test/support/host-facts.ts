import type { HostCheck } from '../../src/services/hosts/check-hosts.js';
import type { HostFacts } from '../../src/platform/hosts/host-facts.js';
import { detectProvider } from '../../src/providers/registry.js';
import { hostRuns } from '../../src/services/wizard/provider-options.js';

const GIB = 2 ** 30;

/** Facts of a plain Debian host with nothing but sshd, for tests to extend. */
export function bareFacts(change: Partial<HostFacts> = {}): HostFacts {
  return {
    os: { id: 'debian', version: '12', name: 'Debian GNU/Linux' },
    kernel: '6.1.0',
    arch: 'x86_64',
    cores: 4,
    memory: { totalBytes: 8 * GIB, availableBytes: 3 * GIB },
    disk: { path: '/', totalBytes: 100 * GIB, availableBytes: 40 * GIB },
    user: { name: 'root', uid: 0, isRoot: true },
    tools: {},
    compose: [],
    ...change,
  };
}

/** A Docker host with docker-compose 1.29 and a daemon that answers. */
export function dockerFacts(): HostFacts {
  return bareFacts({
    tools: { docker: { path: '/usr/bin/docker', version: '20.10.24', serverVersion: '20.10.24' }, 'docker-compose': { path: '/usr/bin/docker-compose', version: '1.29.2' } },
    compose: [{ flavour: 'docker-compose', engine: 'docker', version: '1.29.2', argv: ['docker-compose'] }],
  });
}

/** A Proxmox VE node (pct and pvesh). */
export function pveFacts(): HostFacts {
  return bareFacts({ tools: { pct: { path: '/usr/sbin/pct' }, pvesh: { path: '/usr/bin/pvesh' } }, proxmoxVersion: '9.0.3' });
}

/** A passed host check with these facts (and what the providers detect on them, as the wizard's check adds). */
export function okCheck(host: string, facts: HostFacts): HostCheck {
  return { host, ok: true, reachable: true, hostKey: host === 'local' ? 'local' : 'known', auth: 'ok', facts, runs: hostRuns(facts, detectProvider), durationMs: 12 };
}

/** A failed host check: not reachable. */
export function unreachableCheck(host: string): HostCheck {
  return { host, ok: false, reachable: false, hostKey: 'not-checked', auth: 'not-tried', durationMs: 10_000, error: { message: `cannot reach ${host}: connect timed out after 10 s`, hint: 'is the host up and the address right?' } };
}
