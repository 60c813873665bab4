import { describe, expect, it } from 'vitest';
import { parseSize, parseStats, readStatsShared, statsCommand, statsFor } from '../../../../src/providers/compose/container-stats.js';
import { FakeRunner } from '../../../support/fake-runner.js';

// Captured on the lab: docker 20.10 (`--format '{{json .}}'`, one line per container) and podman 4.3 (`--format json`).
const DOCKER =
  '{"BlockIO":"0B / 0B","CPUPerc":"0.00%","Container":"b90af3588bbd","ID":"b90af3588bbde371e0d9d715d01facf47aa38ae41c2cdc1dfe1516a5a801121c","MemPerc":"0.00%","MemUsage":"880KiB / 23.54GiB","Name":"statprobe","NetIO":"1.04kB / 0B","PIDs":"1"}\n' +
  '{"BlockIO":"0B / 0B","CPUPerc":"12.50%","Container":"c1","ID":"c1aa","MemPerc":"1%","MemUsage":"1.5GiB / 23.54GiB","Name":"big","NetIO":"0B / 0B","PIDs":"9"}\n';
const PODMAN = `[
 {
  "id": "c935122fe79c",
  "name": "statprobe",
  "cpu_time": "118.299834ms",
  "cpu_percent": "7.67%",
  "avg_cpu": "7.67%",
  "mem_usage": "942.1kB / 25.28GB",
  "mem_percent": "0.00%",
  "net_io": "516B / 1.33kB",
  "block_io": "0B / 0B",
  "pids": "1"
 }
]`;

describe('container figures from the engine', () => {
  it('reads docker JSON lines: CPU percent and memory in use (binary units)', () => {
    expect(parseStats('docker', DOCKER)).toEqual([
      { id: 'b90af3588bbde371e0d9d715d01facf47aa38ae41c2cdc1dfe1516a5a801121c', cpuPercent: 0, memoryBytes: 880 * 1024 },
      { id: 'c1aa', cpuPercent: 12.5, memoryBytes: Math.round(1.5 * 1024 ** 3) },
    ]);
  });

  it('reads podman\'s JSON array (decimal units) and matches its short id to the full one', () => {
    const stats = parseStats('podman', PODMAN);
    expect(stats).toEqual([{ id: 'c935122fe79c', cpuPercent: 7.67, memoryBytes: 942_100 }]);
    expect(statsFor(stats, 'c935122fe79c0123456789abcdef')?.cpuPercent).toBe(7.67);
    expect(statsFor(stats, 'ffff')).toBeUndefined();
  });

  it('leaves out what it cannot read instead of failing', () => {
    expect(parseStats('podman', 'Error: no such thing')).toEqual([]);
    expect(parseStats('docker', 'WARNING: x\n{"ID":"a","CPUPerc":"--","MemUsage":"--"}\n')).toEqual([{ id: 'a' }]);
    expect(parseSize('12MiB')).toBe(12 * 1024 ** 2);
    expect(parseSize('3GB')).toBe(3e9);
    expect(parseSize('--')).toBeUndefined();
  });

  it('one stats call per host serves every deployment read within the refresh', async () => {
    const runner = new FakeRunner('docker').expect({ argv: statsCommand('docker').argv, result: { stdout: DOCKER } });
    const [a, b] = await Promise.all([readStatsShared(runner, 'docker', 1000), readStatsShared(runner, 'docker', 1500)]);
    expect(a).toBe(b);
    expect(runner.calls.filter((c) => c.argv[1] === 'stats')).toHaveLength(1);
  });

  it('a read still under way past the refresh is shared, not started again; a finished old one is renewed', async () => {
    let finish: (stdout: string) => void = () => undefined;
    const calls: string[][] = [];
    const runner = {
      host: 'slow',
      run: (command: { argv: string[] }) => {
        calls.push(command.argv);
        return calls.length === 1 ? new Promise((resolve) => (finish = (stdout) => resolve({ exitCode: 0, stdout, stderr: '' }))) : Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
      },
    } as unknown as FakeRunner;
    const first = readStatsShared(runner, 'docker', 1000);
    const later = readStatsShared(runner, 'docker', 9000);
    expect(calls).toHaveLength(1);
    finish(DOCKER);
    expect(await later).toBe(await first);
    expect(await later).toHaveLength(2);
    await readStatsShared(runner, 'docker', 20_000);
    expect(calls).toHaveLength(2);
  });
});
