import type { Clock } from '../../platform/clock.js';
import type { ReadingScope } from '../../platform/reading-scope.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectl } from './kubectl.js';
import { MANAGED_BY } from './labels.js';

/** One pod's CPU (percent of one core, like docker's) and memory in use, from metrics-server. */
export interface PodMetrics {
  namespace: string;
  pod: string;
  cpuPercent: number;
  memoryBytes: number;
}

const MEMORY_UNITS: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 };

/** kubectl's quantities: CPU `250m` or `2` (cores) to percent of one core; memory `3Mi`, `1Gi`, `512` to bytes. */
export function parseCpu(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(n|u|m)?$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  const cores = m[2] === 'm' ? value / 1000 : m[2] === 'u' ? value / 1e6 : m[2] === 'n' ? value / 1e9 : value;
  return Math.round(cores * 1000) / 10;
}

export function parseMemory(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(text);
  const unit = m ? MEMORY_UNITS[m[2] ?? ''] : undefined;
  return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : undefined;
}

/** `kubectl top pods -A --no-headers` lines (NAMESPACE NAME CPU MEMORY) to figures; others are left out. */
export function parseTopPods(stdout: string): PodMetrics[] {
  return stdout.split('\n').flatMap((line) => {
    const [namespace, pod, cpu, memory] = line.trim().split(/\s+/);
    const cpuPercent = parseCpu(cpu ?? '');
    const memoryBytes = parseMemory(memory ?? '');
    return namespace && pod && cpuPercent !== undefined && memoryBytes !== undefined ? [{ namespace, pod, cpuPercent, memoryBytes }] : [];
  });
}

const SHARED_READ_MS = 3000;
const shared = new WeakMap<CommandRunner, { at: number; read: Promise<PodMetrics[]>; pending: boolean }>();

/**
 * Every homelab-tui pod's figures on the host's cluster, one `kubectl top pods` per refresh shared by
 * each deployment's status (through the host reading's scope when there is one). k3s bundles metrics-server; where it is off or not ready yet, there are no
 * figures (never a failed status).
 */
export function readPodMetricsShared(runner: CommandRunner, clock: Clock, reading?: ReadingScope): Promise<PodMetrics[]> {
  if (reading) return reading.shared('k3s:top', () => readPodMetrics(runner));
  const now = clock.now();
  let entry = shared.get(runner);
  // One still under way is shared too: a slow cluster gets no second `top` piled on the first.
  if (!entry || (!entry.pending && now - entry.at > SHARED_READ_MS)) {
    const read = readPodMetrics(runner);
    const fresh = { at: now, read, pending: true };
    void read.then(() => (fresh.pending = false));
    entry = fresh;
    shared.set(runner, entry);
  }
  return entry.read;
}

/**
 * The figures of every pod in one namespace, whatever its labels: an adopted workload's pods carry
 * none of homelab-tui's, so the host's shared read leaves them out (one more `top` per adopted deployment).
 */
export function readNamespacePodMetrics(runner: CommandRunner, namespace: string): Promise<PodMetrics[]> {
  return runner.run(kubectl(['top', 'pods', '-n', namespace, '--no-headers'], { timeoutMs: 20_000 })).then(
    (result) => (result.exitCode === 0 ? parseTopPods(result.stdout.split('\n').map((line) => (line.trim() ? `${namespace} ${line}` : line)).join('\n')) : []),
    () => [],
  );
}

function readPodMetrics(runner: CommandRunner): Promise<PodMetrics[]> {
  return runner.run(kubectl(['top', 'pods', '-A', '-l', `${MANAGED_BY}=homelab-tui`, '--no-headers'], { timeoutMs: 20_000 })).then(
    (result) => (result.exitCode === 0 ? parseTopPods(result.stdout) : []),
    () => [],
  );
}
