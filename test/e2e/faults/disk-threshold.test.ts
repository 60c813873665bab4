// A host's data disk filled past the threshold: `status` shows the warning with the reason in figures
// (and exits 1 only with --strict), and the dashboard's host line turns to ⚠ within one refresh. The
// lab's bare host has a small data disk (64 MiB tmpfs), watched through hosts.yaml `dataPaths`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labFaults, labHost } from '../../support/lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { cli, lab, labConfigDir, startApp } from '../dashboard/dashboard-lab.js';

const bare = labHost('bare', lab);
const disk = bare.dataDisk as { path: string; sizeBytes: number };
let session: TmuxSession | undefined;

afterAll(async () => {
  await session?.stop();
  await labFaults.freeDisk('bare');
});

type Reading = { host: string; resources?: { load1: number; memoryTotalBytes: number; disks: { path: string; totalBytes: number; freeBytes: number }[] }; warnings: { message: string; hint?: string }[] };

describe('disk threshold on the bare host', () => {
  it('watches the data disk: figures in status --json, a warning past 20% used up, exit 1 only with --strict, the dashboard says it', async () => {
    expect(disk, 'the lab gives bare a data disk').toBeDefined();
    const configDir = await labConfigDir(['bare']);
    const hostsFile = join(configDir, 'hosts.yaml');
    writeFileSync(hostsFile, `${readFileSync(hostsFile, 'utf8').trimEnd()}\n    dataPaths: [${JSON.stringify(disk.path)}]\n`);

    const before = await cli(configDir, ['status', '--host', 'bare', '--json', '--strict']);
    expect(before.code, before.stderr).toBe(0);
    const quiet = (JSON.parse(before.stdout) as { hosts: Reading[] }).hosts.find((h) => h.host === 'bare');
    expect(quiet?.warnings).toEqual([]);
    expect(quiet?.resources?.memoryTotalBytes).toBeGreaterThan(0);
    expect(quiet?.resources?.disks.find((d) => d.path === disk.path)?.totalBytes).toBe(disk.sizeBytes);

    session = await startApp(configDir);
    await session.waitFor(/bare \S+ · ● connected[^\n]*· load \d/);

    await labFaults.fillDisk('bare', 95);
    const full = await cli(configDir, ['status', '--host', 'bare', '--json']);
    expect(full.code, full.stderr).toBe(0);
    const warned = (JSON.parse(full.stdout) as { hosts: Reading[] }).hosts.find((h) => h.host === 'bare');
    expect(warned?.warnings).toEqual([{ message: expect.stringMatching(new RegExp(`^disk: [0-5]% free \\(\\d+ MiB of 64 MiB\\), under 20%, on bare at ${disk.path}$`)), hint: expect.stringContaining('thresholds.diskFreePercent') }]);
    const strict = await cli(configDir, ['status', '--host', 'bare', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(new RegExp(`warning: disk: \\d% free \\(\\d+ MiB of 64 MiB\\), under 20%, on bare at ${disk.path}`));

    // The dashboard refreshes every 2 s (FAST_SETTINGS): the host line says it within a refresh or two.
    // The figure comes first, so a long lab path (CI clones deeper) cannot push it off the row.
    const screen = await session.waitFor(/bare \S+ · ⚠ disk: \d% free \(\d+ MiB of 64 MiB\), under 20%/, 10_000);
    expect(screen).not.toContain('✗');

    await labFaults.freeDisk('bare');
    await session.waitFor(/bare \S+ · ● connected/, 10_000);
    expect((await cli(configDir, ['status', '--host', 'bare', '--strict'])).code).toBe(0);
  });
});
