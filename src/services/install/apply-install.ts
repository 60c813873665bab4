import type { Clock } from '../../platform/clock.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { readRecord } from '../../platform/deployments/record-store.js';
import { UserError } from '../../platform/errors.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply-plan.js';
import { cacheRecord } from './deployment-cache.js';
import type { PreparedInstall } from './prepare-install.js';

/** How an install ended; on success, the record as the host now keeps it. */
export interface InstallResult extends ApplyResult {
  record?: DeploymentRecord;
}

/**
 * Applies a prepared install (refused while a preflight item fails) and, when it succeeds, caches
 * the record the host now holds.
 */
export async function applyInstall(prepared: PreparedInstall, deps: { clock: Clock; cacheDir: string }, options: ApplyOptions): Promise<InstallResult> {
  const failed = prepared.preflight.filter((i) => i.status === 'fail');
  if (failed.length > 0) {
    throw new UserError(`preflight failed on ${prepared.host.name}:\n${failed.map((i) => `  ✗ ${i.label}${i.detail ? `: ${i.detail}` : ''}`).join('\n')}`, failed[0]?.hint, 1);
  }
  const result = await applyPlan(prepared.plan, prepared.host, deps.clock, options);
  if (result.status !== 'succeeded') return result;
  const record = await readRecord(prepared.host.runner, prepared.name);
  if (record) await cacheRecord(deps.cacheDir, record, new Date(deps.clock.now()));
  return { ...result, ...(record ? { record } : {}) };
}
