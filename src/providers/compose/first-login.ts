// The first login an app prints in its log on its first start (qBittorrent since 4.6.1: a temporary
// WebUI password), read after install from the service's container log and shown as its own step.
import type { ContainerEngine } from '../../platform/hosts/host-facts.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { readContainers } from './read-containers.js';

/** The recipe's compose.firstLogin: the text before the value on its log line, and the messages with and without it. */
export interface LogFirstLogin {
  service: string;
  before: string;
  message: string;
  otherwise: string;
}

/** The value after `before` on the last log line that holds it (its first word), or undefined (pure). */
export function valueFromLog(log: string, before: string): string | undefined {
  const line = log.split('\n').filter((l) => l.includes(before)).at(-1);
  const value = line?.slice(line.lastIndexOf(before) + before.length).trim().split(/\s+/)[0];
  return value ? value : undefined;
}

/** The line shown to the user: the message with the value, or the recipe's words for when the log has none. */
export function firstLoginLine(spec: LogFirstLogin, log: string): string {
  const value = valueFromLog(log, spec.before);
  return value === undefined ? spec.otherwise : spec.message.replace('{value}', value);
}

export function firstLoginStep(runner: CommandRunner, engine: ContainerEngine, project: string, app: string, spec: LogFirstLogin, now: () => number): PlanStep {
  return {
    id: 'first-login',
    title: `Show ${app}'s first login`,
    actions: [
      {
        kind: 'call',
        description: `read ${spec.service}'s log (${engine} logs) for the first login ${app} printed`,
        run: async (ctx) => {
          const containers = await readContainers(runner, engine, project, { runHealthchecks: false, now: now(), signal: ctx.signal });
          const container = containers.find((c) => c.service === spec.service);
          // The log is the app's own output; a missing container (never here after the health wait) shows the fallback.
          const log = container ? await runner.run({ argv: [engine, 'logs', container.id], timeoutMs: 30_000, signal: ctx.signal }) : undefined;
          ctx.output(firstLoginLine(spec, log ? `${log.stdout}\n${log.stderr}` : ''));
        },
      },
    ],
  };
}
