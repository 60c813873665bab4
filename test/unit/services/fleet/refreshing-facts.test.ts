import { describe, expect, it } from 'vitest';
import { refreshingFacts } from '../../../../src/services/fleet/fleet-deps.js';
import type { FleetPoller } from '../../../../src/services/fleet/fleet-poller.js';

function recordingPoller(log: string[]): FleetPoller {
  return {
    setHosts: (hosts) => void log.push(`hosts ${hosts.join(',')}`),
    refresh: (host) => void log.push(`read ${host ?? 'all'}`),
    invalidate: (host) => void log.push(`invalidate ${host}`),
    epochOf: () => 7,
    dropped: 0,
    stop: () => void log.push('stop'),
  };
}

describe('an explicit refresh probes the hosts again first', () => {
  it('probes the one host, then reads it; all hosts when none is named; a failed probe still reads', async () => {
    const log: string[] = [];
    const poller = refreshingFacts(recordingPoller(log), async (host) => {
      log.push(`probe ${host}`);
      if (host === 'dead') throw new Error('unreachable');
    });
    poller.setHosts(['docker', 'dead']);
    poller.refresh('docker');
    await new Promise((resolve) => setTimeout(resolve, 0));
    poller.refresh();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['hosts docker,dead', 'probe docker', 'read docker', 'probe docker', 'probe dead', 'read all']);
    poller.invalidate('docker');
    expect(poller.epochOf('docker')).toBe(7);
    expect(log.at(-1)).toBe('invalidate docker');
  });
});
