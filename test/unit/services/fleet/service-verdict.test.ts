import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../../../src/providers/provider.js';
import { judgeService } from '../../../../src/services/fleet/service-verdict.js';
import { shortBytes, shortDuration, uptimeOf } from '../../../../src/services/fleet/units.js';

const service = (fields: Partial<ServiceStatus>): ServiceStatus => ({ name: 'web', state: 'running', health: 'none', ...fields });

describe('service verdicts', () => {
  it('a one-shot job that exited 0 is completed, never a failure', () => {
    expect(judgeService(service({ name: 'migrate', state: 'exited', exitCode: 0 }))).toEqual({ level: 'done', label: 'completed' });
  });

  it('a container restarting after out-of-memory kills says so and says to raise memory', () => {
    const verdict = judgeService(service({ state: 'restarting', exitCode: 137, restarts: 4 }));
    expect(verdict).toMatchObject({ level: 'bad', label: 'restarting', reason: 'container restarting: out of memory (exit 137) (4 restarts)' });
    expect(verdict.hint).toMatch(/^raise memory/);
  });

  it('other exits are failures with the code, and SIGTERM is a deliberate stop', () => {
    expect(judgeService(service({ state: 'exited', exitCode: 1 }))).toMatchObject({ level: 'bad', label: 'exited 1', reason: 'web exited with code 1' });
    expect(judgeService(service({ state: 'exited', exitCode: 143 }))).toMatchObject({ level: 'off', label: 'stopped' });
    expect(judgeService(service({ state: 'restarting', exitCode: 2 }))).toMatchObject({ reason: 'container restarting: exits with code 2 each time' });
  });

  it('health checks decide a running service', () => {
    expect(judgeService(service({ health: 'healthy' }))).toEqual({ level: 'ok', label: 'healthy' });
    expect(judgeService(service({ health: 'unhealthy' }))).toMatchObject({ level: 'bad', reason: 'web fails its health check' });
    expect(judgeService(service({ health: 'starting' }))).toMatchObject({ level: 'starting' });
    expect(judgeService(service({ state: 'missing' }))).toMatchObject({ level: 'bad', label: 'missing' });
  });
});

describe('units', () => {
  it('shortens durations and sizes for narrow columns', () => {
    expect([shortDuration(45_000), shortDuration(12 * 60_000), shortDuration(3 * 3600_000), shortDuration(5 * 86400_000)]).toEqual(['45s', '12m', '3h', '5d']);
    expect([shortBytes(512), shortBytes(1536), shortBytes(12 * 2 ** 20), shortBytes(3.25 * 2 ** 30)]).toEqual(['512B', '1.5K', '12M', '3.3G']);
    expect(uptimeOf('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:02:00Z'))).toBe('2m');
    expect(uptimeOf('garbage', 0)).toBeUndefined();
  });
});
