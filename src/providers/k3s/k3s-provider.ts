import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import type { Adoptable, AdoptionProposal, AdoptRequest, Discoverable, UnmanagedWorkload } from '../adoption.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { planK3sAdoption } from './adopt/plan-adoption.js';
import { discoverK3s } from './discover.js';
import type { Shells } from '../shell.js';
import type { Command } from '../../platform/runner/command-runner.js';
import { k3sShellCommand } from './shell-command.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { DeploymentStatus, Installer, LogLine, LogOptions, PreflightItem, Provider, ProviderContext, Restartable, SharedReads, Updatable, UpdateRequest, UpdateSteps } from '../provider.js';
import { k3sInterruptedUpdateStep, planK3sUpdate } from './plan-update.js';
import { planK3sReconfigure } from './plan-reconfigure.js';
import type { Reconfigurable, ReconfigureChange, ReconfigureProposal } from '../reconfigure.js';
import type { K3sInputs } from './inputs.js';
import { planK3sInstall } from './plan-install.js';
import { planK3sRestart } from './plan-restart.js';
import { planK3sUninstall } from './plan-uninstall.js';
import { k3sPreflight } from './preflight.js';
import { readK3sStatus, startK3sSharedReads } from './read-status.js';
import type { ReadingScope } from '../../platform/reading-scope.js';
import { streamK3sLogs } from './stream-logs.js';

/** Runs apps on a k3s cluster through kubectl on the host (over its SSH connection). */
export class K3sProvider implements Provider, Installer<K3sInputs>, Restartable, Updatable, Shells, SharedReads, Discoverable, Adoptable, Reconfigurable<K3sInputs> {
  readonly id = 'k3s';
  readonly label = 'Kubernetes (k3s)';

  constructor(private readonly settings: K3sSettings) {}

  preflight(ctx: ProviderContext, inputs: K3sInputs): Promise<PreflightItem[]> {
    return k3sPreflight(ctx.runner, inputs);
  }

  planInstall(ctx: ProviderContext, request: { name: string; inputs: K3sInputs; record: DeploymentRecord }): Promise<Plan> {
    return planK3sInstall(ctx, request, this.settings);
  }

  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan> {
    return planK3sUninstall(ctx, record, options.purge);
  }

  discover(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<UnmanagedWorkload[]> {
    return discoverK3s(ctx, records);
  }

  planAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal> {
    return planK3sAdoption(ctx, recipes, request, records, now);
  }

  namesOwnForm(name: string): boolean {
    return name.includes('/');
  }

  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planK3sRestart(ctx, record, service, this.settings);
  }

  planUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest): Promise<UpdateSteps> {
    return planK3sUpdate(ctx, record, request, this.settings);
  }

  interruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }): Promise<PlanStep> {
    return k3sInterruptedUpdateStep(ctx, record, request, this.settings);
  }

  planReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<K3sInputs>): Promise<ReconfigureProposal> {
    return planK3sReconfigure(ctx, record, change, this.settings);
  }

  fixedInPlace(questionIds: readonly string[]): Record<string, string> {
    const why: Record<string, string> = { k3s_namespace: 'the namespace follows the deployment', k3s_storage_class: 'the data stays on its PVCs' };
    return Object.fromEntries(questionIds.filter((id) => why[id]).map((id) => [id, why[id] ?? '']));
  }

  startSharedReads(ctx: ProviderContext & { reading: ReadingScope }): void {
    startK3sSharedReads(ctx);
  }

  status(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus> {
    return readK3sStatus(ctx, record);
  }

  shellCommand(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Command> {
    return k3sShellCommand(ctx, record, service);
  }

  logs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine> {
    return streamK3sLogs(ctx, record, options);
  }
}
