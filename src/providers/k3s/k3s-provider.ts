import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { DeploymentStatus, Installer, LogLine, LogOptions, PreflightItem, Provider, ProviderContext, Restartable } from '../provider.js';
import type { K3sInputs } from './inputs.js';
import { planK3sInstall } from './plan-install.js';
import { planK3sRestart } from './plan-restart.js';
import { planK3sUninstall } from './plan-uninstall.js';
import { k3sPreflight } from './preflight.js';
import { readK3sStatus } from './read-status.js';
import { streamK3sLogs } from './stream-logs.js';

/** Runs apps on a k3s cluster through kubectl on the host (over its SSH connection). */
export class K3sProvider implements Provider, Installer<K3sInputs>, Restartable {
  readonly id = 'k3s';
  readonly label = 'Kubernetes (k3s)';

  preflight(ctx: ProviderContext, inputs: K3sInputs): Promise<PreflightItem[]> {
    return k3sPreflight(ctx.runner, inputs);
  }

  planInstall(ctx: ProviderContext, request: { name: string; inputs: K3sInputs; record: DeploymentRecord }): Promise<Plan> {
    return planK3sInstall(ctx, request);
  }

  planUninstall(ctx: ProviderContext, record: DeploymentRecord, options: { purge: boolean }): Promise<Plan> {
    return planK3sUninstall(ctx, record, options.purge);
  }

  planRestart(ctx: ProviderContext, record: DeploymentRecord, service?: string): Promise<Plan> {
    return planK3sRestart(ctx, record, service);
  }

  status(ctx: ProviderContext, record: DeploymentRecord): Promise<DeploymentStatus> {
    return readK3sStatus(ctx, record);
  }

  logs(ctx: ProviderContext, record: DeploymentRecord, options: LogOptions): AsyncIterable<LogLine> {
    return streamK3sLogs(ctx, record, options);
  }
}
