import { describe, expect, it } from 'vitest';
import type { DeploymentStatus } from '../../../../src/providers/provider.js';
import { withDatabaseLogin } from '../../../../src/services/health/database-login-status.js';

const healthy: DeploymentStatus = { deployment: 'vikunja', health: 'healthy', services: [] };
const failed = { ok: false as const, message: 'docker reached 10.0.0.4:5432 but could not log in: psql: error: FATAL:  password authentication failed for user "vikunja"', hint: 'check the user, password and database name' };

describe('withDatabaseLogin', () => {
  it('a login that works is said, and the health stays', () => {
    expect(withDatabaseLogin(healthy, { ok: true, message: 'logged in to 10.0.0.4:5432 as vikunja' })).toEqual({ ...healthy, database: { ok: true, message: 'logged in to 10.0.0.4:5432 as vikunja' } });
  });

  it("a failed login makes a running app unhealthy, the server's words first in the reason", () => {
    const status = withDatabaseLogin({ ...healthy, health: 'degraded', reason: 'web restarted 3 times' }, failed);
    expect(status.health).toBe('unhealthy');
    expect(status.reason).toBe(`database login failed: ${failed.message}; web restarted 3 times`);
    expect(status.hint).toBe(failed.hint);
    expect(status.database).toEqual(failed);
  });

  it('does not turn a stopped or interrupted deployment into an unhealthy one', () => {
    expect(withDatabaseLogin({ ...healthy, health: 'unknown' }, failed).health).toBe('unknown');
    expect(withDatabaseLogin({ ...healthy, health: 'unhealthy', reason: 'HTTP 500' }, failed).reason).toBe(`database login failed: ${failed.message}; HTTP 500`);
  });
});
