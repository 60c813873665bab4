import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseResources, resourceWarnings, resourcesCommand } from '../../../../src/services/hosts/host-resources.js';

const OUTPUT = [
  '0.52 0.40 0.31 2/345 6789',
  'cores 4',
  'MemTotal:        8000000 kB',
  'MemAvailable:    1000000 kB',
  'df 65536 3276 /mnt/data disk',
  'df 1000000 600000 /',
  '',
].join('\n');

describe("a host's figures", () => {
  it('reads load, CPUs, memory and each data path (a path with a space too)', () => {
    expect(parseResources(OUTPUT)).toEqual({
      load1: 0.52,
      cores: 4,
      memoryTotalBytes: 8_000_000 * 1024,
      memoryAvailableBytes: 1_000_000 * 1024,
      disks: [
        { path: '/mnt/data disk', totalBytes: 65536 * 1024, freeBytes: 3276 * 1024 },
        { path: '/', totalBytes: 1_000_000 * 1024, freeBytes: 600_000 * 1024 },
      ],
    });
  });

  it('warns under the free-disk threshold and over the memory one, with the reason in figures', () => {
    const warnings = resourceWarnings('bare', parseResources(OUTPUT), { diskFreePercent: 20, memoryUsedPercent: 80 });
    expect(warnings.map((w) => w.message)).toEqual([
      'disk: 4% free (3 MiB of 64 MiB), under 20%, on bare at /mnt/data disk',
      'memory: bare has 88% in use (977 MiB of 7813 MiB available), over 80%',
    ]);
    expect(warnings[0]?.hint).toContain('thresholds.diskFreePercent');
    // Looser thresholds: nothing to say.
    expect(resourceWarnings('bare', parseResources(OUTPUT), { diskFreePercent: 1, memoryUsedPercent: 95 })).toEqual([]);
  });

  it("the script runs in sh on this machine and skips a path that does not exist", () => {
    const { argv } = resourcesCommand(['/', '/no/such/path here']);
    const out = execFileSync(argv[0] as string, argv.slice(1), { encoding: 'utf8' });
    const figures = parseResources(out);
    expect(figures.load1).toBeGreaterThanOrEqual(0);
    expect(figures.cores).toBeGreaterThan(0);
    expect(figures.memoryTotalBytes).toBeGreaterThan(0);
    expect(figures.disks.map((d) => d.path)).toEqual(['/']);
    expect(figures.disks[0]?.totalBytes).toBeGreaterThan(0);
  });
});
