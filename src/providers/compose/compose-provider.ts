import type { ComposeInputs } from './inputs.js';
import type { Adoptable, AdoptionProposal, AdoptRequest, Discoverable, UnmanagedWorkload } from '../adoption.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { discoverCompose } from './discover.js';
import { planComposeAdoption } from './adopt/plan-adoption.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan, PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { BackupAccess, Backups, DeploymentStatus, Installer, LogLine, LogOptions, PreflightItem, Provider, ProviderContext, Restartable, Startable, Stoppable, Updatable, UpdateRequest, UpdateSteps } from '../provider.js';
import type { BackupInputs, RenderedCommon } from '../../platform/recipe/render/rendered.js';
import { composeBackupAccess, readComposeSecrets } from './backup-access.js';
import { planComposeInstall } from './plan-install.js';
import { planComposeRestart } from './plan-restart.js';
import { planComposeStart, planComposeStop } from './plan-stop-start.js';
import { planComposeUninstall } from './plan-uninstall.js';
import { composeInterruptedUpdateStep, planComposeUpdate } from './plan-update.js';
import { composePreflight } from './preflight.js';
import { readComposeStatus } from './read-status.js';
import { streamComposeLogs } from './stream-logs.js';
import type { Reconfigurable, ReconfigureChange, ReconfigureProposal } from '../reconfigure.js';
import { planComposeReconfigure } from './plan-reconfigure.js';
import type { Shells } from '../shell.js';
import type { Command } from '../../platform/runner/command-runner.js';
import { composeShellCommand } from './shell-command.js';

/**
 * Runs apps as compose projects on Docker or Podman hosts, with whichever compose flavour the host
 * has (docker compose, docker-compose, podman compose, podman-compose). State is read from the
 * engine by the compose labels every flavour sets.
 */
export class ComposeProvider implements Provider, Installer<ComposeInputs>, Restartable, Reconfigurable<ComposeInputs>, Updatable, Backups, Stoppable, Startable, Shells, Discoverable, Adoptable {
  readonly id = 'compose';
  readonly label = 'Docker/Podman compose';

  constructor(private readonly settings: ComposeSettings) {}

  preflight(ctx: ProviderContext, inputs: ComposeInputs): Promise<PreflightItem[]> {
    return composePreflight(ctx.runner, inputs, this.settings, ctx.facts, ctx.proxyHost);
  }

  planInstall(ctx: ProviderContext, request: { name: string; inputs: ComposeInputs; record: DeploymentRecord }): Promise<Plan> {
    return planComposeInstall(ctx, request, this.settings);
  }

  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan> {
    return planComposeUninstall(ctx, record, options.purge, this.settings);
  }

  readSecrets(ctx: ProviderContext, record: DeploymentRecord, rendered: RenderedCommon, sentinels: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    return readComposeSecrets(ctx, record, rendered, sentinels);
  }

  backupAccess(ctx: ProviderContext, record: DeploymentRecord, backup: BackupInputs): Promise<BackupAccess> {
    return composeBackupAccess(ctx, record, backup, this.settings);
  }

  discover(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<UnmanagedWorkload[]> {
    return discoverCompose(ctx, records);
  }

  planAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal> {
    return planComposeAdoption(ctx, recipes, request, records, now);
  }

  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planComposeRestart(ctx, record, service, this.settings);
  }

  planReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<ComposeInputs>): Promise<ReconfigureProposal> {
    return planComposeReconfigure(ctx, record, change, this.settings);
  }

  fixedInPlace(questionIds: readonly string[]): Record<string, string> {
    return Object.fromEntries(questionIds.filter((id) => id === 'compose_project').map((id) => [id, 'the project follows the deployment']));
  }

  planUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest): Promise<UpdateSteps> {
    return planComposeUpdate(ctx, record, request, this.settings);
  }

  interruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }): Promise<PlanStep> {
    return composeInterruptedUpdateStep(ctx, record, request, this.settings);
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

  shellCommand(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Command> {
    return composeShellCommand(ctx, record, service, this.settings);
  }
}
