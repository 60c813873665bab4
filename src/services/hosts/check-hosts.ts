import { systemClock, type Clock } from '../../platform/clock.js';
import { mapWithConcurrency } from '../../platform/concurrency.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { KnownHost } from '../../platform/config/inventory.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { SshConnectError } from '../../platform/ssh/ssh-errors.js';
import { createHostFactsService, type HostFactsService } from './host-facts-service.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';

/** The result of checking one host: each stage separately, the facts, and what to do on failure. */
export interface HostCheck {
  host: string;
  ok: boolean;
  reachable: boolean;
  hostKey: 'known' | 'accepted' | 'unknown' | 'changed' | 'revoked' | 'not-checked' | 'local';
  auth: 'ok' | 'failed' | 'not-tried';
  facts?: HostFacts;
  /** What the host can run, as each provider detects it (`docker-compose 1.29.2`); set by the wizard's check. */
  runs?: string[];
  durationMs: number;
  error?: { message: string; hint?: string };
}

/** What checkHosts needs: runners (the pool), the limit, and where to cache facts. */
export interface CheckOptions {
  runnerFor(host: KnownHost): CommandRunner;
  concurrency: number;
  /** Hosts whose new key was accepted during this check (see recordingInteraction). */
  accepted?: ReadonlySet<string>;
  /** Per-host limit for the probe once connected; connecting has its own timeout. */
  probeTimeoutMs?: number;
  /** When set, facts are cached there with a time stamp. */
  cacheDir?: string;
  clock?: Clock;
  /** Where the facts found are kept (the wizard's, shared with its installs); else a service for this check alone. */
  facts?: HostFactsService;
}

/**
 * Checks hosts in parallel (at most `concurrency` at once): connects, verifies the host key,
 * authenticates and runs the probe. A dead host costs its own connect timeout and nobody else's.
 */
export async function checkHosts(hosts: readonly KnownHost[], options: CheckOptions): Promise<HostCheck[]> {
  const clock = options.clock ?? systemClock;
  const byName = new Map(hosts.map((host) => [host.name, host]));
  const service =
    options.facts ??
    createHostFactsService({
      runnerFor: (name) => options.runnerFor(byName.get(name) as KnownHost),
      clock,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    });
  return mapWithConcurrency(hosts, options.concurrency, async (host) => {
    const started = clock.now();
    const base = { host: host.name, durationMs: 0 };
    try {
      // A check always probes; the last facts of the host, however old, let it skip asking unchanged programs again.
      const { facts } = await service.refresh(host.name, options.probeTimeoutMs ? { timeoutMs: options.probeTimeoutMs } : {});
      const hostKey = host.kind === 'local' ? 'local' : options.accepted?.has(host.name) ? 'accepted' : 'known';
      return { ...base, ok: true, reachable: true, hostKey, auth: 'ok', facts, durationMs: clock.now() - started } satisfies HostCheck;
    } catch (error) {
      return { ...base, ...failureOf(error, host, options.accepted), durationMs: clock.now() - started };
    }
  });
}

function failureOf(error: unknown, host: KnownHost, accepted?: ReadonlySet<string>): Omit<HostCheck, 'host' | 'durationMs'> {
  const detail = error instanceof UserError || error instanceof CommandError ? { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } : { message: String(error) };
  const known = host.kind === 'local' ? 'local' : accepted?.has(host.name) ? 'accepted' : 'known';
  if (error instanceof SshConnectError) {
    switch (error.reason) {
      case 'unreachable':
        return { ok: false, reachable: false, hostKey: 'not-checked', auth: 'not-tried', error: detail };
      case 'auth-failed':
        return { ok: false, reachable: true, hostKey: known, auth: 'failed', error: detail };
      case 'host-key-unknown':
        return { ok: false, reachable: true, hostKey: 'unknown', auth: 'not-tried', error: detail };
      case 'host-key-changed':
        return { ok: false, reachable: true, hostKey: 'changed', auth: 'not-tried', error: detail };
      case 'host-key-revoked':
        return { ok: false, reachable: true, hostKey: 'revoked', auth: 'not-tried', error: detail };
    }
  }
  // Connected and authenticated, but the probe failed (or the connection died during it).
  return { ok: false, reachable: true, hostKey: known, auth: 'ok', error: detail };
}
