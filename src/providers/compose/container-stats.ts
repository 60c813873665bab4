import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ContainerEngine } from './compose-host.js';

/** CPU (percent of one core, as the engine says) and memory in use of one running container. */
export interface ContainerStats {
  id: string;
  cpuPercent?: number;
  memoryBytes?: number;
}

/**
 * Every running container's figures in one call: `docker stats --no-stream` samples for about a
 * second and prints JSON lines; `podman stats --no-stream --format json` prints one array.
 */
export function statsCommand(engine: ContainerEngine) {
  return engine === 'docker'
    ? { argv: ['docker', 'stats', '--no-stream', '--no-trunc', '--format', '{{json .}}'], timeoutMs: 20_000 }
    : { argv: ['podman', 'stats', '--no-stream', '--format', 'json'], timeoutMs: 20_000 };
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** `880KiB` (docker, binary) or `942.1kB` (podman, decimal) to bytes; undefined when unreadable. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*([\d.]+)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNITS[(m[2] || 'b').toLowerCase()];
  const value = Number(m[1]);
  return unit === undefined || !Number.isFinite(value) ? undefined : Math.round(value * unit);
}

function percent(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const value = Number.parseFloat(text.replace('%', ''));
  return Number.isFinite(value) ? value : undefined;
}

function used(text: unknown): number | undefined {
  return typeof text === 'string' ? parseSize(text.split('/')[0] ?? '') : undefined;
}

/** Either engine's output to figures per container id; lines it cannot read are left out. */
export function parseStats(engine: ContainerEngine, stdout: string): ContainerStats[] {
  const rows: unknown[] = [];
  if (engine === 'podman') {
    try {
      const parsed: unknown = JSON.parse(stdout.trim() || '[]');
      if (Array.isArray(parsed)) rows.push(...parsed);
    } catch {
      return [];
    }
  } else {
    for (const line of stdout.split('\n')) {
      if (!line.trim()) continue;
      try {
        rows.push(JSON.parse(line));
      } catch {
        // A line that is not JSON (a warning) is not a container's.
      }
    }
  }
  return rows.flatMap((row) => {
    if (typeof row !== 'object' || row === null) return [];
    const r = row as Record<string, unknown>;
    const id = typeof r.ID === 'string' ? r.ID : typeof r.id === 'string' ? r.id : undefined;
    if (!id) return [];
    const cpuPercent = percent(r.CPUPerc ?? r.cpu_percent);
    const memoryBytes = used(r.MemUsage ?? r.mem_usage);
    return [{ id, ...(cpuPercent !== undefined ? { cpuPercent } : {}), ...(memoryBytes !== undefined ? { memoryBytes } : {}) }];
  });
}

/** The figures of the container with this id (either may be the short 12-character one). */
export function statsFor(stats: readonly ContainerStats[], id: string): ContainerStats | undefined {
  return stats.find((s) => s.id.startsWith(id) || id.startsWith(s.id));
}

/** How long one `stats` of a host serves every deployment's status on it (a refresh reads them together). */
const SHARED_READ_MS = 3000;
const shared = new WeakMap<CommandRunner, { at: number; engine: ContainerEngine; read: Promise<ContainerStats[]>; pending: boolean }>();

/**
 * Every running container's figures on the host, read once per refresh and shared by the status of
 * each deployment on it: one `stats --no-stream` per host, not one per deployment. Figures are a
 * nicety: a failed read gives none, never a failed status.
 */
export async function readStatsShared(runner: CommandRunner, engine: ContainerEngine, now: number): Promise<ContainerStats[]> {
  let entry = shared.get(runner);
  // One still under way is shared too: a slow host gets no second `stats` piled on the first.
  if (!entry || entry.engine !== engine || (!entry.pending && now - entry.at > SHARED_READ_MS)) {
    const read = runner.run(statsCommand(engine)).then(
      (result) => (result.exitCode === 0 ? parseStats(engine, result.stdout) : []),
      () => [],
    );
    const fresh = { at: now, engine, read, pending: true };
    void read.then(() => (fresh.pending = false));
    entry = fresh;
    shared.set(runner, entry);
  }
  return entry.read;
}
