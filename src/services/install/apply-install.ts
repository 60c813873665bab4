import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { readRecord } from '../../platform/deployments/record-store.js';
import type { ApplyResult } from '../lifecycle/apply.js';
import { applyOperation, type ApplyDeps, type LifecycleApplyOptions } from '../lifecycle/lifecycle.js';
import type { PreparedInstall } from './prepare-install.js';
import { preflightRefusal } from './preflight-refusal.js';

/** How an install ended; on success, the record as the host now keeps it. */
export interface InstallResult extends ApplyResult {
  record?: DeploymentRecord;
}

/**
 * Applies a prepared install (refused while a preflight item fails) through the lifecycle's one
 * apply (lock, journal written before the first change, log, undo), and reads back the record.
 */
export async function applyInstall(prepared: PreparedInstall, deps: ApplyDeps, options: LifecycleApplyOptions): Promise<InstallResult> {
  const refusal = preflightRefusal(prepared.host.name, prepared.preflight);
  if (refusal) throw refusal;
  const result = await applyOperation(deps, prepared.plan, { handle: prepared.host }, options);
  if (result.status !== 'succeeded') return result;
  const record = await readRecord(prepared.host.runner, prepared.name);
  return { ...result, ...(record ? { record } : {}) };
}
