import { waitUntilHealthy } from '../health/health-check.js';
import type { Clock } from '../clock.js';
import { CommandError, tailOf, UserError } from '../errors.js';
import type { ActionContext, PlanAction } from '../plan/plan.js';
import { writeRemoteFile } from '../remote-file.js';
import type { CommandRunner } from '../runner/command-runner.js';
import { showCommand } from '../show-command.js';

/** Runs one plan action on the host; throws CommandError or UserError when it fails. */
export async function runAction(action: PlanAction, runner: CommandRunner, clock: Clock, ctx: ActionContext): Promise<void> {
  switch (action.kind) {
    case 'run': {
      const command = { ...action.command, signal: ctx.signal };
      const allowed = action.allowExitCodes ?? [0];
      if (action.stream) {
        try {
          for await (const { line } of runner.stream(command)) ctx.output(line);
        } catch (error) {
          if (!(error instanceof CommandError && error.exitCode !== null && allowed.includes(error.exitCode))) throw error;
        }
        return;
      }
      const result = await runner.run(command);
      for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line.trim()) ctx.output(line);
      if (result.exitCode === null || !allowed.includes(result.exitCode)) {
        throw new CommandError(action.command.argv, result.exitCode, runner.host, tailOf(result.stderr || result.stdout));
      }
      return;
    }
    case 'write':
      await writeRemoteFile(runner, action.path, action.content, action.mode);
      return;
    case 'wait': {
      const result = await waitUntilHealthy(action.check, {
        clock,
        signal: ctx.signal,
        timeoutMs: action.timeoutMs,
        intervalMs: action.intervalMs,
        onAttempt: (r, attempt) => ctx.output(`health check ${attempt}: ${r.ok ? 'healthy' : (r.reason ?? 'not yet')}`),
      });
      if (!result.ok) throw new UserError(result.reason ?? 'the service did not become healthy', result.hint, 1);
      return;
    }
    case 'call':
      await action.run(ctx);
      return;
  }
}

/** A one-line description of an action for progress output. */
export function describeAction(action: PlanAction): string {
  switch (action.kind) {
    case 'run':
      return action.description ?? showCommand(action.command.argv);
    case 'write':
      return action.description ?? `write ${action.path}`;
    case 'wait':
      return action.description ?? `wait: ${action.check.describe()}`;
    case 'call':
      return action.description;
  }
}
