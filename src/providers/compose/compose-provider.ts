import type { ComposeInputs } from './inputs.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { DeploymentStatus, Installer, LogLine, LogOptions, PreflightItem, Provider, ProviderContext, Restartable, Startable, Stoppable } from '../provider.js';
import { planComposeInstall } from './plan-install.js';
import { planComposeRestart } from './plan-restart.js';
import { planComposeStart, planComposeStop } from './plan-stop-start.js';
import { planComposeUninstall } from './plan-uninstall.js';
import { composePreflight } from './preflight.js';
import { readComposeStatus } from './read-status.js';
import { streamComposeLogs } from './stream-logs.js';

/**
 * Runs apps as compose projects on Docker or Podman hosts, with whichever compose flavour the host
 * has (docker compose, docker-compose, podman compose, podman-compose). State is read from the
 * engine by the compose labels every flavour sets.
 */
export class ComposeProvider implements Provider, Installer<ComposeInputs>, Restartable, Stoppable, Startable {
  readonly id = 'compose';
  readonly label = 'Docker/Podman compose';

  constructor(private readonly settings: ComposeSettings) {}

  preflight(ctx: ProviderContext, inputs: ComposeInputs): Promise<PreflightItem[]> {
    return composePreflight(ctx.runner, inputs, this.settings, ctx.facts);
  }

  planInstall(ctx: ProviderContext, request: { name: string; inputs: ComposeInputs; record: DeploymentRecord }): Promise<Plan> {
    return planComposeInstall(ctx, request, this.settings);
  }

  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan> {
    return planComposeUninstall(ctx, record, options.purge, this.settings);
  }

  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planComposeRestart(ctx, record, service, this.settings);
  }

  planStop(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planComposeStop(ctx, record, service, this.settings);
  }

  planStart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planComposeStart(ctx, record, service, this.settings);
  }

  status(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus> {
    return readComposeStatus(ctx, record, this.settings);
  }

  logs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine> {
    return streamComposeLogs(ctx, record, options, this.settings);
  }
}
