import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { DiskUse } from './fleet-reading.js';

/** `du -sk` of each path (as root: data directories often belong to the app's own user). */
export async function readDiskUse(runner: CommandRunner, paths: readonly string[], signal?: AbortSignal): Promise<{ disk: DiskUse[]; diskError?: string }> {
  const result = await runner.run({ argv: ['du', '-sk', '--', ...paths], elevated: true, timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  if (result.exitCode === null) return { disk: paths.map((path) => ({ path })), diskError: `du on ${runner.host} did not finish in time` };
  return { disk: parseDiskUse(paths, result.stdout, result.stderr) };
}

/** Pairs du's `KiB<TAB>path` lines (and its complaints on stderr) with the paths asked for (pure). */
export function parseDiskUse(paths: readonly string[], stdout: string, stderr: string): DiskUse[] {
  const sizes = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const match = /^(\d+)\t(.*)$/.exec(line);
    if (match) sizes.set(match[2] as string, Number(match[1]) * 1024);
  }
  const complaints = stderr.split('\n').filter(Boolean);
  return paths.map((path) => {
    const bytes = sizes.get(path);
    if (bytes !== undefined) return { path, bytes };
    const complaint = complaints.find((c) => c.includes(path));
    return { path, error: complaint ? complaint.replace(/^du: /, '') : 'not measured' };
  });
}
