import { connect } from 'node:net';
import type { CommandRunner } from '../runner/command-runner.js';
import type { HealthCheck } from './health-check.js';

/** A TCP probe: something accepts connections on host:port. */
export interface TcpCheckOptions {
  host: string;
  port: number;
  timeoutMs?: number;
  /** Probe from this host (with its shell's /dev/tcp or nc) instead of from this machine. */
  via?: CommandRunner;
}

// bash's /dev/tcp where there is bash, else nc -z (busybox and OpenBSD nc both have it).
const VIA_SCRIPT =
  'if command -v bash >/dev/null 2>&1; then exec bash -c \'exec 3<>"/dev/tcp/$0/$1"\' "$1" "$2"; fi; exec nc -z -w "$3" "$1" "$2"';

export function tcpCheck(options: TcpCheckOptions): HealthCheck {
  const timeoutMs = options.timeoutMs ?? 5000;
  const target = `${options.host}:${options.port}`;
  const failed = (reason: string, hint: string) => ({ ok: false, reason, hint });
  return {
    describe: () => `TCP ${target} accepts connections${options.via ? ` (from ${options.via.host})` : ''}`,
    run: async (ctx) => {
      const start = ctx.clock.now();
      if (options.via) {
        const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
        const result = await options.via.run({
          argv: ['sh', '-c', VIA_SCRIPT, 'sh', options.host, String(options.port), seconds],
          timeoutMs,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        const durationMs = ctx.clock.now() - start;
        if (result.exitCode === 0) return { ok: true, durationMs, output: `${target} open` };
        return { ...failed(`nothing accepts connections on ${target}`, 'is the service running? read its logs'), durationMs };
      }
      const outcome = await new Promise<string | undefined>((resolve) => {
        const socket = connect({ host: options.host, port: options.port, timeout: timeoutMs });
        socket.once('connect', () => {
          socket.destroy();
          resolve(undefined);
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve(`no answer from ${target} within ${Math.round(timeoutMs / 1000)} s`);
        });
        socket.once('error', (error: Error & { code?: string }) =>
          resolve(error.code === 'ECONNREFUSED' ? `connection refused by ${target}` : `${target}: ${error.message}`),
        );
      });
      const durationMs = ctx.clock.now() - start;
      return outcome === undefined
        ? { ok: true, durationMs, output: `${target} open` }
        : { ...failed(outcome, 'is the service running and the port right? read its logs'), durationMs };
    },
  };
}
