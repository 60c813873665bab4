import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { Command } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { SHELL_INSIDE } from '../shell.js';
import { openProject } from './plan-restart.js';
import { readContainers } from './read-containers.js';

/** `docker|podman exec -it CONTAINER sh…` for the main service (or `service`), which must be running. */
export async function composeShellCommand(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: ComposeSettings): Promise<Command> {
  const { project, target } = await openProject(ctx, record, service, settings);
  const wanted = service ?? project.main;
  const containers = await readContainers(ctx.runner, target.tool.engine, project.project, { runHealthchecks: false, now: ctx.clock.now() });
  const container = containers.find((c) => c.service === wanted && c.running);
  if (!container) {
    throw new UserError(`${wanted} of "${record.name}" is not running on ${ctx.hostName}: there is nothing to open a shell in`, `start it first: homelab-tui start ${record.name}`);
  }
  return { argv: [target.tool.engine, 'exec', '-it', container.id, ...SHELL_INSIDE] };
}
