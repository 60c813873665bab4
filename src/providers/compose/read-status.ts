import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, UserError } from '../../platform/errors.js';
import type { DeploymentStatus, ProviderContext } from '../provider.js';
import { recordProbeCheck } from './plan-restart.js';
import { valueWithin } from '../../platform/value-within.js';
import { readStatsShared, statsFor, type ContainerStats } from './container-stats.js';
import { readContainers } from './read-containers.js';
import { recordProject, recordTarget } from './record-target.js';
import { judgeDeployment, serviceStatuses } from './service-status.js';

/** How long a status waits for the host's CPU and memory figures after its containers are read. */
const FIGURES_WAIT_MS = 8000;

/**
 * A deployment's state from its containers (found by compose labels, so any flavour's) and the app's
 * probe. A host without its compose tool or engine is "unknown" with the reason, never an exception.
 */
export async function readComposeStatus(ctx: ProviderContext, record: DeploymentRecord, settings: ComposeSettings): Promise<DeploymentStatus> {
  const project = recordProject(record);
  let containers;
  let stats: Promise<ContainerStats[]> = Promise.resolve([]);
  try {
    const target = await recordTarget(ctx.runner, record, settings, ctx.facts);
    // Started beside the containers' read: docker's takes about a second to sample CPU.
    stats = readStatsShared(ctx.runner, target.tool.engine, ctx.clock.now());
    containers = await readContainers(ctx.runner, target.tool.engine, project.project, { runHealthchecks: true, now: ctx.clock.now() });
  } catch (error) {
    if (error instanceof UserError || error instanceof CommandError) {
      return { deployment: record.name, health: 'unknown', services: [], reason: error.message, ...(error.hint ? { hint: error.hint } : { hint: 'check the host: homelab-tui hosts check' }) };
    }
    throw error;
  }
  // Figures never hold the health back: a slow `stats` (a loaded host) serves the next refresh instead.
  const figures = await valueWithin(stats, FIGURES_WAIT_MS, []);
  const services = serviceStatuses(project.services, containers).map((service) => {
    const container = containers.find((c) => c.service === service.name);
    const seen = service.state === 'running' && container ? statsFor(figures, container.id) : undefined;
    return seen ? { ...service, ...(seen.cpuPercent !== undefined ? { cpuPercent: seen.cpuPercent } : {}), ...(seen.memoryBytes !== undefined ? { memoryBytes: seen.memoryBytes } : {}) } : service;
  });
  const anyRunning = services.some((s) => s.state === 'running');
  const probe = record.probe && anyRunning ? await recordProbeCheck(ctx.runner, record.probe).run({ clock: ctx.clock }) : undefined;
  return judgeDeployment(record.name, project.main, services, containers, probe);
}
