import type { Clock } from '../../platform/clock.js';
import type { DetectedHost } from '../../platform/hosts/host-facts.js';
import { probeHost } from '../../platform/hosts/probe-host.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { readCachedFacts, writeCachedFacts } from './detect-host.js';

/** How long facts serve before the next use probes the host again. */
export const HOST_FACTS_TTL_MS = 5 * 60_000;

/**
 * What every host is and can run, from the one host probe, kept per host with the time it was
 * gathered: the wizard's host check, the providers' detection and the compose provider's tool all
 * read it. Facts older than the TTL are probed again on next use; `refresh` probes now.
 */
export interface HostFactsService {
  /** Facts no older than the TTL: those kept, else a new probe (one at a time per host). */
  facts(host: string): Promise<DetectedHost>;
  /** Probes the host now, whatever the age of what is kept (the wizard's check, an explicit refresh). */
  refresh(host: string, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<DetectedHost>;
  /** What is kept of a host, however old, without probing; undefined when it was never probed here. */
  peek(host: string): DetectedHost | undefined;
  /**
   * Facts no older than the TTL without probing: those kept, else the cache file an earlier run wrote;
   * undefined when neither is that recent. For reads that a stale answer only makes less complete
   * (discovery), so a `status` run does not probe the host each time.
   */
  recent(host: string): Promise<DetectedHost | undefined>;
}

export interface HostFactsDeps {
  /** The runner of a host by inventory name (the SSH pool's, or the LocalRunner for `local`). */
  runnerFor(host: string): CommandRunner | Promise<CommandRunner>;
  clock: Clock;
  ttlMs?: number;
  /** Per-probe limit once connected. */
  probeTimeoutMs?: number;
  /** When set, facts are also written there (`hosts/<name>.json`), and the last ones lend their tool versions to the next probe. */
  cacheDir?: string;
}

export function createHostFactsService(deps: HostFactsDeps): HostFactsService {
  const ttlMs = deps.ttlMs ?? HOST_FACTS_TTL_MS;
  const kept = new Map<string, { entry: DetectedHost; at: number }>();
  const probing = new Map<string, Promise<DetectedHost>>();

  const probe = async (host: string, options: { timeoutMs?: number; signal?: AbortSignal }): Promise<DetectedHost> => {
    const previous = kept.get(host)?.entry.facts ?? (deps.cacheDir ? (await readCachedFacts(deps.cacheDir, host, Number.POSITIVE_INFINITY, deps.clock))?.facts : undefined);
    const timeoutMs = options.timeoutMs ?? deps.probeTimeoutMs;
    const facts = await probeHost(await deps.runnerFor(host), {
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(previous ? { previous } : {}),
    });
    const at = deps.clock.now();
    const entry: DetectedHost = deps.cacheDir ? await writeCachedFacts(deps.cacheDir, host, facts, deps.clock) : { host, detectedAt: new Date(at).toISOString(), facts };
    kept.set(host, { entry, at });
    return entry;
  };

  const refresh = (host: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<DetectedHost> => {
    const running = probing.get(host);
    if (running) return running;
    const next = probe(host, options).finally(() => probing.delete(host));
    probing.set(host, next);
    return next;
  };

  return {
    facts: async (host) => {
      const found = kept.get(host);
      if (found && deps.clock.now() - found.at <= ttlMs) return found.entry;
      return refresh(host);
    },
    refresh,
    peek: (host) => kept.get(host)?.entry,
    recent: async (host) => {
      const found = kept.get(host);
      if (found && deps.clock.now() - found.at <= ttlMs) return found.entry;
      return deps.cacheDir ? readCachedFacts(deps.cacheDir, host, ttlMs, deps.clock) : undefined;
    },
  };
}
