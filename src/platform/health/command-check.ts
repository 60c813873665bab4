import type { Command, CommandRunner } from '../runner/command-runner.js';
import type { HealthCheck } from './health-check.js';

/** A command probe: healthy when the command exits 0 (e.g. `pg_isready`, `podman healthcheck run`). */
export function commandCheck(options: { runner: CommandRunner; command: Command; description: string; hint?: string }): HealthCheck {
  return {
    describe: () => `${options.description} (on ${options.runner.host})`,
    run: async (ctx) => {
      const start = ctx.clock.now();
      const result = await options.runner.run({ ...options.command, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const durationMs = ctx.clock.now() - start;
      const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-3).join('\n');
      if (result.exitCode === 0) return { ok: true, durationMs, ...(output ? { output } : {}) };
      const why = result.exitCode === null ? 'did not finish in time' : `exited with ${result.exitCode}`;
      return {
        ok: false,
        reason: `${options.description} ${why}${output ? `: ${output.split('\n').pop()}` : ''}`,
        hint: options.hint ?? 'read the service logs',
        durationMs,
        ...(output ? { output } : {}),
      };
    },
  };
}
