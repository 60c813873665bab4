import type { Command, CommandRunner } from '../../platform/runner/command-runner.js';

/** A host's load, memory and the disks under its data paths, as one refresh read them. */
export interface HostResources {
  /** The 1-minute load average, and the CPUs it is shared by. */
  load1?: number;
  cores?: number;
  memoryTotalBytes?: number;
  memoryAvailableBytes?: number;
  /** One entry per data path that exists (its file system's size and free space). */
  disks: DiskSpace[];
}

export interface DiskSpace {
  path: string;
  totalBytes: number;
  freeBytes: number;
}

/** When a host's figures warrant a warning (settings.yaml `thresholds:`). */
export interface Thresholds {
  /** Warn when a data path's file system has less than this percent free. */
  diskFreePercent: number;
  /** Warn when more than this percent of the host's memory is in use. */
  memoryUsedPercent: number;
}

// One read for all of it: loadavg, CPUs, MemTotal/MemAvailable, then `df` of each path that exists
// (`df T F PATH`: 1K blocks total and available, then the path, which may hold spaces).
const SCRIPT = [
  'cat /proc/loadavg',
  'echo "cores $(nproc 2>/dev/null)"',
  "grep -E '^(MemTotal|MemAvailable):' /proc/meminfo",
  'for p in "$@"; do [ -e "$p" ] || continue; df -P -k -- "$p" 2>/dev/null | awk \'NR==2 {print $2, $4}\' | { read -r t f && printf \'df %s %s %s\\n\' "$t" "$f" "$p"; }; done',
  'true',
].join('; ');

export function resourcesCommand(paths: readonly string[]): Command {
  return { argv: ['sh', '-c', SCRIPT, 'homelab-tui-resources', ...paths], timeoutMs: 15_000 };
}

/** The script's output to figures; what it cannot read is left out. */
export function parseResources(stdout: string): HostResources {
  const lines = stdout.split('\n');
  const result: HostResources = { disks: [] };
  const load = /^(\d+(?:\.\d+)?) \d/.exec(lines[0] ?? '');
  if (load) result.load1 = Number(load[1]);
  for (const line of lines.slice(1)) {
    const cores = /^cores (\d+)$/.exec(line);
    if (cores) result.cores = Number(cores[1]);
    const mem = /^(MemTotal|MemAvailable):\s+(\d+) kB$/.exec(line);
    if (mem) result[mem[1] === 'MemTotal' ? 'memoryTotalBytes' : 'memoryAvailableBytes'] = Number(mem[2]) * 1024;
    const df = /^df (\d+) (\d+) (.+)$/.exec(line);
    if (df) result.disks.push({ path: df[3] as string, totalBytes: Number(df[1]) * 1024, freeBytes: Number(df[2]) * 1024 });
  }
  return result;
}

/** Reads a host's figures; paths that do not exist are left out. Undefined when the read fails. */
export async function readHostResources(runner: CommandRunner, paths: readonly string[], signal?: AbortSignal): Promise<HostResources | undefined> {
  try {
    const result = await runner.run({ ...resourcesCommand(paths), ...(signal ? { signal } : {}) });
    return result.exitCode === 0 ? parseResources(result.stdout) : undefined;
  } catch {
    return undefined;
  }
}

function mib(bytes: number): string {
  return bytes >= 10 * 1024 ** 3 ? `${Math.round(bytes / 1024 ** 3)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** The warnings a host's figures give against the thresholds, each with its reason and what to do. */
export function resourceWarnings(host: string, resources: HostResources, thresholds: Thresholds): Array<{ message: string; hint: string }> {
  const warnings: Array<{ message: string; hint: string }> = [];
  // Several data paths on one file system warn once, naming the first.
  const seen = new Set<string>();
  for (const disk of resources.disks) {
    if (disk.totalBytes <= 0) continue;
    const key = `${disk.totalBytes}/${disk.freeBytes}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const free = (disk.freeBytes / disk.totalBytes) * 100;
    if (free < thresholds.diskFreePercent) {
      warnings.push({
        // The figure first: a narrow dashboard row cuts the end, and a long path must not hide it.
        message: `disk: ${Math.floor(free)}% free (${mib(disk.freeBytes)} of ${mib(disk.totalBytes)}), under ${thresholds.diskFreePercent}%, on ${host} at ${disk.path}`,
        hint: 'free space there (old backups, logs, images: docker/podman image prune) or grow the disk; settings.yaml thresholds.diskFreePercent sets the limit',
      });
    }
  }
  const { memoryTotalBytes: total, memoryAvailableBytes: available } = resources;
  if (total && available !== undefined) {
    const used = ((total - available) / total) * 100;
    if (used > thresholds.memoryUsedPercent) {
      warnings.push({
        message: `memory: ${host} has ${Math.round(used)}% in use (${mib(available)} of ${mib(total)} available), over ${thresholds.memoryUsedPercent}%`,
        hint: 'stop what is not needed or add memory; settings.yaml thresholds.memoryUsedPercent sets the limit',
      });
    }
  }
  return warnings;
}
