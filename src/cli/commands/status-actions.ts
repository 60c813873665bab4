import { UserError } from '../../platform/errors.js';
import { checkSince } from '../../platform/validation/since.js';
import { showCommand } from '../../platform/show-command.js';
import type { ServiceStatus } from '../../providers/provider.js';
import { formatStatus } from '../format-status.js';
import { uptimeSeconds } from '../uptime.js';
import { abortOnInterrupt } from '../interrupt.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { openSession, readHosts } from '../session.js';

/**
 * `status`: every deployment's state from its host, and each host's warnings (disk, memory); exit 1
 * unless all are healthy and every host answered (with --strict: and no host warns).
 */
export const statusCommand: CommandAction = async (ctx, _args, options) => {
  const session = await openSession(ctx);
  try {
    // An unknown name is a typo (exit 2), not a host that is down (exit 1).
    const hosts = await readHosts(session, options.host);
    const rows = hosts.flatMap((h) => h.deployments);
    const now = session.clock.now();
    if (options.json) {
      ctx.printJson({
        deployments: rows.map(({ host, record, status, actions }) => ({
          host,
          name: record.name,
          app: record.app,
          version: record.version,
          provider: record.provider,
          urls: record.urls,
          ...status,
          services: status.services.map((s) => ({ ...s, ...optionalUptime(s, now) })),
          ...(record.operation ? { operation: { id: record.operation.id, kind: record.operation.kind, startedAt: record.operation.startedAt, by: record.operation.by, steps: record.operation.steps } } : {}),
          ...(actions ? { actions } : {}),
        })),
        hosts: hosts.map((h) => ({
          host: h.host,
          reachable: !h.error,
          deployments: h.deployments.length,
          ...(h.error ? { error: h.error } : {}),
          ...(h.cachedAt ? { cachedAt: h.cachedAt } : {}),
          ...(h.resources ? { resources: h.resources } : {}),
          warnings: h.warnings ?? [],
          unmanaged: h.unmanaged ?? [],
        })),
      });
    } else ctx.print(formatStatus(hosts, now));
    if (rows.some((r) => r.status.health !== 'healthy') || hosts.some((h) => h.error || h.broken.length > 0)) ctx.exitCode = EXIT_FAILED;
    // A warning is shown always, and fails the run only when asked (cron with --strict).
    if (options.strict === true && hosts.some((h) => (h.warnings ?? []).length > 0)) ctx.exitCode = EXIT_FAILED;
  } finally {
    await session.close();
  }
};

/** `logs NAME [SERVICE]`: merged, tagged lines; --follow until Ctrl-C. */
export const logsCommand: CommandAction = async (ctx, args, options) => {
  const tail = options.tail === undefined ? undefined : Number(options.tail);
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0)) throw new UserError(`--tail: "${String(options.tail)}" is not a number of lines`);
  const since = typeof options.since === 'string' ? checkSince(options.since) : undefined;
  if (since && !since.ok) throw new UserError(`--since: ${showCommand([String(options.since)])} is not a time`, `write ${since.reason}`);
  const session = await openSession(ctx);
  const controller = new AbortController();
  const release = abortOnInterrupt(controller);
  try {
    const [name = '', service] = args;
    const deployment = await session.lifecycle.find(name, typeof options.host === 'string' ? { host: options.host } : {});
    const lines = session.lifecycle.logs(deployment, {
      ...(service ? { service } : {}),
      ...(since?.ok ? { since: since.value } : {}),
      ...(tail !== undefined ? { tail } : {}),
      follow: options.follow === true,
      signal: controller.signal,
    });
    for await (const line of lines) ctx.print(`${line.source} | ${line.line}`);
  } finally {
    release();
    await session.close();
  }
};

function optionalUptime(service: ServiceStatus, now: number): { uptimeSeconds?: number } {
  const up = uptimeSeconds(service, now);
  return up === undefined ? {} : { uptimeSeconds: up };
}
