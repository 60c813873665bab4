import { CommandError, tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ContainerEngine } from './compose-host.js';
import { healthcheckRunCommand, inspectCommand, psCommand } from './engine-commands.js';
import { parseInspect, parsePs, type ContainerState } from './parse-containers.js';

// The start period every generated healthcheck has (healthchecks.ts): failures before it ends are
// "starting", as docker reports them.
const START_PERIOD_MS = 60_000;

/**
 * Reads a project's containers from the engine by their compose labels, which every flavour sets.
 * On Podman no timer runs healthchecks, so `runHealthchecks` runs each running container's check
 * now and takes its verdict.
 */
export async function readContainers(
  runner: CommandRunner,
  engine: ContainerEngine,
  project: string,
  options: { runHealthchecks: boolean; now: number; signal?: AbortSignal },
): Promise<ContainerState[]> {
  const ps = await runChecked(runner, { ...psCommand(engine, project), ...(options.signal ? { signal: options.signal } : {}) });
  const refs = parsePs(ps.stdout);
  if (refs.length === 0) return [];
  const inspect = await runChecked(runner, inspectCommand(engine, refs.map((r) => r.id)));
  const states = parseInspect(inspect.stdout);
  if (engine !== 'podman' || !options.runHealthchecks) return states;
  const checked: ContainerState[] = [];
  for (const state of states) {
    if (!state.running || !state.hasHealthcheck) {
      checked.push(state);
      continue;
    }
    const result = await runner.run(healthcheckRunCommand(state.id));
    const output = `${result.stdout}${result.stderr}`.trim();
    const inGrace = state.startedAt !== undefined && options.now - Date.parse(state.startedAt) < START_PERIOD_MS;
    const health = result.exitCode === 0 ? 'healthy' : inGrace ? 'starting' : 'unhealthy';
    checked.push({ ...state, health, ...(result.exitCode !== 0 && output ? { lastCheckOutput: output } : {}) });
  }
  return checked;
}

async function runChecked(runner: CommandRunner, command: Parameters<CommandRunner['run']>[0]) {
  const result = await runner.run(command);
  if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr));
  return result;
}
