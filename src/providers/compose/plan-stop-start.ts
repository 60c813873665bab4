import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { composeCommand } from './compose-commands.js';
import { healthWaits, openProject } from './plan-restart.js';

const COMMAND_TIMEOUT_MS = 5 * 60_000;

/**
 * Stops one service or the whole stack (`compose stop`: the containers stay, `start` brings them back).
 * Undo starts what was stopped.
 */
export async function planComposeStop(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: ComposeSettings): Promise<Plan> {
  const { project, target } = await openProject(ctx, record, service, settings);
  const stop = composeCommand('stop', target.tool, project, settings, service);
  const start = composeCommand('start', target.tool, project, settings, service);
  return {
    kind: 'stop',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'compose',
    app: record.app,
    secrets: [],
    steps: [{ id: 'stop', title: `Stop ${service ?? 'every service'}`, actions: [{ kind: 'run', command: { ...stop, timeoutMs: COMMAND_TIMEOUT_MS } }], undo: [{ kind: 'run', command: { ...start, timeoutMs: COMMAND_TIMEOUT_MS } }] }],
  };
}

/** Starts one service or the whole stack, then waits for the containers' health and the app's probe. Undo stops it again. */
export async function planComposeStart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: ComposeSettings): Promise<Plan> {
  const { project, target } = await openProject(ctx, record, service, settings);
  const start = composeCommand('start', target.tool, project, settings, service);
  const stop = composeCommand('stop', target.tool, project, settings, service);
  // One service started alone: only it is waited for (the others may be stopped on purpose).
  const services = service === undefined ? project.services : [service];
  const waits = healthWaits(ctx, record, { project, target }, settings, services, service === undefined || service === project.main);
  return {
    kind: 'start',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'compose',
    app: record.app,
    secrets: [],
    steps: [
      { id: 'start', title: `Start ${service ?? 'every service'}`, actions: [{ kind: 'run', command: { ...start, timeoutMs: COMMAND_TIMEOUT_MS } }], undo: [{ kind: 'run', command: { ...stop, timeoutMs: COMMAND_TIMEOUT_MS } }] },
      { id: 'health', title: 'Wait for the containers to be healthy', actions: waits },
    ],
  };
}
