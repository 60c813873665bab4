import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../support/manual-clock.js';
import { parseCpu, parseMemory, parseTopPods, readPodMetricsShared } from '../../../../src/providers/k3s/pod-metrics.js';
import { FakeRunner } from '../../../support/fake-runner.js';

// kubectl top pods -A --no-headers, as kubectl prints metrics-server's answer.
const TOP = 'lab-one   labapp-7d9f8c-abcde   3m    2Mi\nlab-two   db-0                  1250m 1Gi\n';

describe('pod figures from metrics-server', () => {
  it("reads kubectl's quantities: millicores to percent of one core, Mi/Gi to bytes", () => {
    expect(parseTopPods(TOP)).toEqual([
      { namespace: 'lab-one', pod: 'labapp-7d9f8c-abcde', cpuPercent: 0.3, memoryBytes: 2 * 1024 ** 2 },
      { namespace: 'lab-two', pod: 'db-0', cpuPercent: 125, memoryBytes: 1024 ** 3 },
    ]);
    expect(parseCpu('2')).toBe(200);
    expect(parseCpu('500000n')).toBe(0.1);
    expect(parseMemory('512')).toBe(512);
    expect(parseMemory('12x')).toBeUndefined();
    expect(parseTopPods('error: metrics not available yet')).toEqual([]);
  });

  it('one top per host per refresh; metrics-server missing gives no figures, not an error', async () => {
    const clock = new ManualClock(1000);
    const runner = new FakeRunner('k3s').expect({ argv: ['kubectl', 'top', 'pods', '-A', '-l', 'app.kubernetes.io/managed-by=homelab-tui', '--no-headers'], result: { exitCode: 1, stderr: 'error: Metrics API not available' } });
    const [a, b] = await Promise.all([readPodMetricsShared(runner, clock), readPodMetricsShared(runner, clock)]);
    expect(a).toEqual([]);
    expect(a).toBe(b);
  });
});
