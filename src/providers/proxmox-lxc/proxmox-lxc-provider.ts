import type { LxcInputs } from './inputs.js';
import type { Adoptable, AdoptionProposal, AdoptRequest, Discoverable, UnmanagedWorkload } from '../adoption.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { planLxcAdoption } from './adopt/plan-adoption.js';
import { discoverLxc } from './discover.js';
import type { Shells } from '../shell.js';
import type { Command } from '../../platform/runner/command-runner.js';
import { lxcShellCommand } from './shell-command.js';
import type { ProxmoxLxcSettings } from '../../platform/config/proxmox-lxc-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan, PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { BackupAccess, Backups, DeploymentStatus, Installer, LogLine, LogOptions, PreflightItem, Provider, ProviderContext, Restartable, Snapshots, Startable, Stoppable, Updatable, UpdateRequest, UpdateSteps } from '../provider.js';
import type { BackupInputs, RenderedCommon } from '../../platform/recipe/render/rendered.js';
import { lxcBackupAccess, readLxcSecrets } from './backup-access.js';
import { lxcInterruptedUpdateStep, planLxcUpdate } from './update-plan.js';
import { checkStaticAddress } from './address-checks.js';
import { checkPackageMirror } from './apt-proxy.js';
import { streamLxcLogs } from './container-logs.js';
import { readLxcStatus } from './container-status.js';
import { planLxcStart, planLxcStop } from './stop-start-plan.js';
import { planLxcInstall, type LxcProviderOptions } from './install-plan.js';
import { judgeMounts } from './mount-checks.js';
import { probeMountSources, readLoginUid, readNodeFacts } from './node-facts.js';
import { checkNodeFacts, checkRootLogin } from './preflight-checks.js';
import { listContainerSnapshots, rollbackStep, snapshotStep } from './snapshots.js';
import { planLxcRestart } from './restart-plan.js';
import { planLxcUninstall } from './uninstall-plan.js';
import type { Reconfigurable, ReconfigureChange, ReconfigureProposal } from '../reconfigure.js';
import { planLxcReconfigure } from './reconfigure-plan.js';
import { lxcProxyPreflight } from './proxy-site.js';

export type { LxcProviderOptions } from './install-plan.js';

/** The provider's options from settings.yaml's `proxmoxLxc:`. */
export function lxcProviderOptions(settings: ProxmoxLxcSettings): LxcProviderOptions {
  return {
    ...(settings.template ? { template: settings.template } : {}),
    ...(settings.sshPublicKeys.length > 0 ? { sshPublicKeys: `${settings.sshPublicKeys.join('\n')}\n` } : {}),
    swapMiB: settings.swapMiB,
    healthTimeoutMs: settings.healthTimeoutSeconds * 1000,
    keepSnapshots: settings.keepSnapshots,
    ...(settings.aptProxy ? { aptProxy: settings.aptProxy } : {}),
    // Always given: its Caddy settings also serve a proxy host named in hosts.yaml (kind none or not).
    proxy: settings.proxy,
  };
}

/**
 * Proxmox VE containers over SSH to a node: reads with `pvesh … --output-format json`, acts with
 * `pct`. Updates re-run the recipe's steps in the guest after a snapshot (pct snapshot/rollback); Restartable restarts the app's
 * service inside its container.
 */
export class ProxmoxLxcProvider implements Provider, Installer<LxcInputs>, Restartable, Snapshots, Updatable, Reconfigurable<LxcInputs>, Stoppable, Startable, Shells, Backups, Discoverable, Adoptable {
  readonly id = 'proxmox-lxc' as const;
  readonly label = 'Proxmox VE container (LXC)';

  constructor(private readonly options: LxcProviderOptions = {}) {}

  /** Nothing else is read without root: pvesh would refuse it. */
  async preflight(ctx: ProviderContext, inputs: LxcInputs): Promise<PreflightItem[]> {
    const login = checkRootLogin(await readLoginUid(ctx.runner), ctx.runner.host);
    if (login.status === 'fail') return [login];
    const facts = await readNodeFacts(ctx.runner);
    const owners = await probeMountSources(ctx.runner, inputs.mounts.map((m) => m.hostPath));
    const bridge = facts.bridges.find((b) => b.name === inputs.network.bridge);
    const address = await checkStaticAddress(ctx.runner, facts.guests, facts.node, inputs.network.ip, inputs.network.bridge, { bridgeCidr: bridge ? (bridge.cidr ?? null) : null });
    const mirror = await checkPackageMirror(ctx.runner, facts.node, inputs, this.options.aptProxy);
    const proxy = await lxcProxyPreflight(ctx.runner, inputs, this.options.proxy, ctx.proxyHost);
    return [login, ...checkNodeFacts(facts, inputs, this.options.template), ...(address ? [address] : []), ...judgeMounts(inputs, owners), ...(mirror ? [mirror] : []), ...proxy];
  }

  planInstall(ctx: ProviderContext, request: { name: string; inputs: LxcInputs; record: DeploymentRecord }): Promise<Plan> {
    return planLxcInstall(ctx, request, this.options);
  }

  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan> {
    return planLxcUninstall(ctx, record, options);
  }

  status(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus> {
    return readLxcStatus(ctx, record);
  }

  logs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine> {
    return streamLxcLogs(ctx, record, options);
  }

  shellCommand(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Command> {
    return lxcShellCommand(ctx, record, service);
  }

  discover(ctx: ProviderContext, records: readonly DeploymentRecord[]): Promise<UnmanagedWorkload[]> {
    return discoverLxc(ctx, records);
  }

  planAdoption(ctx: ProviderContext, recipes: readonly Recipe[], request: AdoptRequest, records: readonly DeploymentRecord[], now: string): Promise<AdoptionProposal> {
    return planLxcAdoption(ctx, recipes, request, records, now);
  }

  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planLxcRestart(ctx, record, service, this.options.healthTimeoutMs ?? 180_000);
  }

  planReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<LxcInputs>): Promise<ReconfigureProposal> {
    return planLxcReconfigure(ctx, record, change, this.options.healthTimeoutMs ?? 180_000, this.options.proxy);
  }

  fixedInPlace(questionIds: readonly string[]): Record<string, string> {
    // With the managed proxy, the recipes' `domain` answer only moves the proxy's site.
    const inPlace = new Set(['lxc_cores', 'lxc_memory', ...(this.options.proxy ? ['domain'] : [])]);
    return Object.fromEntries(questionIds.filter((id) => !inPlace.has(id)).map((id) => [id, this.options.proxy ? 'only cores, memory and the domain change in place' : 'only cores and memory change in place (pct set)']));
  }

  planStop(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planLxcStop(ctx, record, service);
  }

  planStart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planLxcStart(ctx, record, service, this.options.healthTimeoutMs ?? 180_000);
  }

  readSecrets(ctx: ProviderContext, record: DeploymentRecord, rendered: RenderedCommon, sentinels: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    return readLxcSecrets(ctx, record, rendered, sentinels);
  }

  backupAccess(ctx: ProviderContext, record: DeploymentRecord, backup: BackupInputs): Promise<BackupAccess> {
    return lxcBackupAccess(ctx, record, backup, this.options.healthTimeoutMs ?? 180_000);
  }

  planUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest): Promise<UpdateSteps> {
    return planLxcUpdate(ctx, record, request, {
      healthTimeoutMs: this.options.healthTimeoutMs ?? 180_000,
      keepSnapshots: this.options.keepSnapshots ?? 3,
      swapMiB: this.options.swapMiB ?? 512,
      ...(this.options.aptProxy ? { aptProxy: this.options.aptProxy } : {}),
    });
  }

  interruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }): Promise<PlanStep> {
    return lxcInterruptedUpdateStep(ctx, record, request, this.options.healthTimeoutMs ?? 180_000);
  }

  snapshotStep(ctx: ProviderContext, record: DeploymentRecord, name: string): PlanStep {
    return snapshotStep(ctx, record, name);
  }

  rollbackStep(ctx: ProviderContext, record: DeploymentRecord, name: string): PlanStep {
    return rollbackStep(ctx, record, name);
  }

  async listSnapshots(ctx: ProviderContext, record: DeploymentRecord): Promise<string[]> {
    return (await listContainerSnapshots(ctx, record)).map((s) => s.name);
  }
}
