import type { DeploymentStatus } from '../../providers/provider.js';
import type { DatabaseLoginCheck } from '../lifecycle/lifecycle.js';

/**
 * A status with its database login: a failed login makes a running app unhealthy, the server's own
 * words first in the reason (the app cannot work without its database, whatever its probe says).
 */
export function withDatabaseLogin(status: DeploymentStatus, check: DatabaseLoginCheck): DeploymentStatus {
  const database = { ok: check.ok, message: check.message, ...(check.ok ? {} : { hint: check.hint }) };
  if (check.ok) return { ...status, database };
  const running = status.health === 'healthy' || status.health === 'degraded';
  return {
    ...status,
    database,
    health: running ? 'unhealthy' : status.health,
    reason: `database login failed: ${check.message}${status.reason ? `; ${status.reason}` : ''}`,
    hint: check.hint,
  };
}
