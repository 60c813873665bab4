import type { Clock } from '../clock.js';

/** The outcome of one health check. Anything not ok carries a reason in words and a hint. */
export interface HealthResult {
  ok: boolean;
  /** Plain-language reason when not ok, e.g. `probe /health returned 500: database unreachable`. */
  reason?: string;
  /** What to try next, e.g. `open the logs (l)`. */
  hint?: string;
  /** What the probe saw (status line, first bytes of the body), for the details view. */
  output?: string;
  durationMs: number;
}

/** Context a check runs in: a clock for time and a signal to stop early. */
export interface CheckContext {
  clock: Clock;
  signal?: AbortSignal;
}

/** A composable check: http, tcp, command, or all of several. */
export interface HealthCheck {
  /** One line for plans and logs, e.g. `GET http://10.0.0.5:8080/health → 200`. */
  describe(): string;
  run(ctx: CheckContext): Promise<HealthResult>;
}

/** Healthy only when every check is; reports the first failure. Checks run one after another. */
export function allOf(checks: readonly HealthCheck[]): HealthCheck {
  return {
    describe: () => checks.map((c) => c.describe()).join(' and '),
    run: async (ctx) => {
      const start = ctx.clock.now();
      const outputs: string[] = [];
      for (const check of checks) {
        const result = await check.run(ctx);
        if (result.output) outputs.push(result.output);
        if (!result.ok) return { ...result, durationMs: ctx.clock.now() - start };
      }
      return { ok: true, durationMs: ctx.clock.now() - start, ...(outputs.length ? { output: outputs.join('\n') } : {}) };
    },
  };
}

/**
 * Runs `check` until it passes or `timeoutMs` passes, waiting `intervalMs` between attempts. Returns the
 * last result, so a failure explains itself. `onAttempt` sees every result (for progress output).
 */
export async function waitUntilHealthy(
  check: HealthCheck,
  options: CheckContext & { timeoutMs: number; intervalMs: number; onAttempt?: (result: HealthResult, attempt: number) => void },
): Promise<HealthResult> {
  const deadline = options.clock.now() + options.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const result = await check.run(options);
    options.onAttempt?.(result, attempt);
    if (result.ok) return result;
    if (options.signal?.aborted || options.clock.now() + options.intervalMs > deadline) {
      return { ...result, reason: `${result.reason ?? 'unhealthy'} (still failing after ${Math.round(options.timeoutMs / 1000)} s)` };
    }
    await options.clock.sleep(options.intervalMs, options.signal);
  }
}

/**
 * How a failed probe reads in a deployment's reason: an app that answered with an error has started
 * and is failing, so it reads `unhealthy: HTTP 500: database unreachable from /health`; one that did
 * not answer keeps the probe's own words (connection refused, a timeout).
 */
export function probeProblem(probe: HealthResult): string {
  if (/^HTTP \d{3}/.test(probe.output ?? '')) {
    const where = /^probe (\S+)/.exec(probe.reason ?? '')?.[1];
    return `unhealthy: ${probe.output?.split('\n')[0]}${where ? ` from ${where}` : ''}`;
  }
  return probe.reason ?? 'the app does not answer its probe';
}

/** True when the probe got an HTTP answer that was wrong (as opposed to no answer at all). */
export function probeAnsweredBadly(probe: HealthResult | undefined): probe is HealthResult {
  return probe !== undefined && !probe.ok && /^HTTP \d{3}/.test(probe.output ?? '');
}
