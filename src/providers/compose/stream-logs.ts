import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { LogLine, LogOptions, ProviderContext } from '../provider.js';
import { logsCommand } from './engine-commands.js';
import { mergeAsync } from './merge-async.js';
import { readContainers } from './read-containers.js';
import { openProject } from './plan-restart.js';

/** `2026-11-22T12:23:12.816442178Z side up` → the time and the line, as `logs --timestamps` prints them. */
export function splitTimestamp(text: string): { time?: string; line: string } {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) (.*)$/.exec(text);
  return match ? { time: match[1] as string, line: match[2] as string } : { line: text };
}

/**
 * The logs of a deployment's containers (or one service's), each line tagged with its service. Without
 * `follow` the lines of all services come sorted by time; with it they come as they are written,
 * until the signal aborts.
 */
export async function* streamComposeLogs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions, settings: ComposeSettings): AsyncIterable<LogLine> {
  const { project, target } = await openProject(ctx, record, options.service, settings);
  const containers = (await readContainers(ctx.runner, target.tool.engine, project.project, { runHealthchecks: false, now: ctx.clock.now() })).filter(
    (c) => options.service === undefined || c.service === options.service,
  );
  if (containers.length === 0) throw new UserError(`"${record.name}" has no containers${options.service ? ` for ${options.service}` : ''} on ${ctx.hostName}`, 'it is not running: see homelab-tui status');
  const streams = containers.map(async function* (container): AsyncIterable<LogLine> {
    const command = { ...logsCommand(target.tool.engine, container.id, options), ...(options.signal ? { signal: options.signal } : {}) };
    for await (const { line } of ctx.runner.stream(command)) {
      const { time, line: text } = splitTimestamp(line);
      yield { source: container.service, line: text, ...(time ? { time } : {}) };
    }
  });
  if (options.follow) {
    yield* mergeAsync(streams);
    return;
  }
  const all: LogLine[] = [];
  for await (const line of mergeAsync(streams)) all.push(line);
  // Nanosecond RFC 3339 stamps of one clock sort as text; the sort is stable for equal ones.
  yield* all.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
}
