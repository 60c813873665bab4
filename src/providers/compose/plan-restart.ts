import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord, RecordProbe } from '../../platform/deployments/deployment-record.js';
import type { HealthCheck } from '../../platform/health/health-check.js';
import { httpCheck } from '../../platform/health/http-check.js';
import { tcpCheck } from '../../platform/health/tcp-check.js';
import type { Plan, PlanAction } from '../../platform/plan/plan.js';
import { UserError } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ProviderContext } from '../provider.js';
import { composeCommand } from './compose-commands.js';
import { containersHealthyCheck } from './container-health.js';
import { recordProject, recordTarget } from './record-target.js';

/** Restarts one service or the whole stack, then waits for health and the app's probe again. */
export async function planComposeRestart(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: ComposeSettings): Promise<Plan> {
  const { project, target } = await openProject(ctx, record, service, settings);
  return {
    kind: 'restart',
    deployment: record.name,
    host: ctx.hostName,
    provider: 'compose',
    app: record.app,
    secrets: [],
    steps: [
      { id: 'restart', title: `Restart ${service ?? 'every service'}`, actions: [{ kind: 'run', command: { ...composeCommand('restart', target.tool, project, settings, service), timeoutMs: 5 * 60_000 } }] },
      { id: 'health', title: 'Wait for the containers to be healthy', actions: healthWaits(ctx, record, { project, target }, settings, project.services, true) },
    ],
  };
}

/** A recorded deployment's project and where it runs, after checking that `service` is one of its services. */
export async function openProject(ctx: ProviderContext, record: DeploymentRecord, service: string | undefined, settings: ComposeSettings) {
  const project = recordProject(record);
  if (service !== undefined && !project.services.includes(service)) {
    throw new UserError(`"${record.name}" has no service "${service}"`, `its services: ${project.services.join(', ')}`);
  }
  return { project, target: await recordTarget(ctx.runner, record, settings, ctx.facts) };
}

/** Waits for `services`' containers to be healthy, then (withProbe, when the record has one) for the app's probe. */
export function healthWaits(ctx: ProviderContext, record: DeploymentRecord, opened: Awaited<ReturnType<typeof openProject>>, settings: ComposeSettings, services: string[], withProbe: boolean): PlanAction[] {
  const { project, target } = opened;
  const probe = withProbe && record.probe ? recordProbeCheck(ctx.runner, record.probe) : undefined;
  return [
    {
      kind: 'wait',
      check: containersHealthyCheck({ runner: ctx.runner, engine: target.tool.engine, project: project.project, services, deployment: record.name, clock: ctx.clock, main: project.main }),
      timeoutMs: settings.healthTimeoutSeconds * 1000,
      intervalMs: 2000,
    },
    ...(probe ? [{ kind: 'wait' as const, check: probe, timeoutMs: 60_000, intervalMs: 2000 }] : []),
  ];
}

/** The app probe a record describes, run from its host. */
export function recordProbeCheck(runner: CommandRunner, probe: RecordProbe): HealthCheck {
  if (probe.kind === 'tcp') return tcpCheck({ host: probe.address, port: probe.port, via: runner });
  return httpCheck({ url: `http://${probe.address}:${probe.port}${probe.path}`, expectStatus: probe.expectStatus, ...(probe.bodyContains !== undefined ? { expectBody: probe.bodyContains } : {}), via: runner });
}
