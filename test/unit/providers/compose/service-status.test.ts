import { describe, expect, it } from 'vitest';
import { parseInspect } from '../../../../src/providers/compose/parse-containers.js';
import { judgeDeployment, serviceStatuses } from '../../../../src/providers/compose/service-status.js';
import { DOCKER_V1, fixture, PODMAN_COMPOSE } from './fixtures.js';

const docker = parseInspect(fixture(DOCKER_V1, 'inspect.json'));
const podman = parseInspect(fixture(PODMAN_COMPOSE, 'inspect.json'));
const only = (names: string[]) => docker.filter((c) => names.includes(c.service));

describe('serviceStatuses', () => {
  it('per service: state, health, exit code of stopped ones, restarts, image and version from the tag', () => {
    const statuses = Object.fromEntries(serviceStatuses(['app', 'killed', 'gone'], docker).map((s) => [s.name, s]));
    expect(statuses.app).toMatchObject({ state: 'running', health: 'healthy', restarts: 0, image: 'local/labapp:1', version: '1' });
    expect(statuses.app).not.toHaveProperty('exitCode');
    expect(statuses.killed).toMatchObject({ state: 'exited', exitCode: 137, health: 'none' });
    expect(statuses.gone).toEqual({ name: 'gone', state: 'missing', health: 'none' });
    // Containers of the project that the record does not list are shown too.
    expect(Object.keys(statuses).sort()).toEqual(['app', 'bad', 'exits', 'gone', 'killed', 'side']);
  });

  it('podman\'s "stopped" is exited', () => {
    expect(serviceStatuses(['exits'], podman).find((s) => s.name === 'exits')).toMatchObject({ state: 'exited', exitCode: 3 });
  });
});

describe('judgeDeployment', () => {
  const ok = { ok: true, durationMs: 1 };

  it('healthy when every service runs healthy (or has no check) and the probe passes', () => {
    const containers = only(['app', 'side']);
    expect(judgeDeployment('fx', 'app', serviceStatuses(['app', 'side'], containers), containers, ok)).toMatchObject({ health: 'healthy' });
  });

  it('exit 137 reads as killed, most often out of memory; exit 3 points at the logs', () => {
    const containers = only(['app', 'killed', 'exits']);
    const status = judgeDeployment('fx', 'app', serviceStatuses(['app', 'killed', 'exits'], containers), containers, ok);
    expect(status.health).toBe('degraded');
    expect(status.reason).toBe('killed was killed (exit 137, SIGKILL): most often it ran out of memory; exits exited with code 3');
    expect(status.hint).toContain('dmesg');
  });

  it('the main service unhealthy makes the deployment unhealthy, with the hint to read its logs', () => {
    const containers = only(['bad']);
    const status = judgeDeployment('fx', 'bad', serviceStatuses(['bad'], containers), containers, { ok: false, reason: 'probe /health returned 500: database unreachable', hint: 'read its logs', durationMs: 1 });
    expect(status.health).toBe('unhealthy');
    expect(status.reason).toMatch(/^bad is unhealthy.*; probe \/health returned 500: database unreachable$/);
    expect(status.hint).toBe('read its logs: homelab-tui logs fx bad');
  });

  it('an OOM kill says so plainly', () => {
    const [killed] = only(['killed']);
    if (!killed) throw new Error('fixture without the killed container');
    const oom = [{ ...killed, oomKilled: true }];
    expect(judgeDeployment('fx', 'killed', serviceStatuses(['killed'], oom), oom).reason).toBe('killed ran out of memory and the kernel killed it');
  });

  it("an app answering 500 while its container's healthcheck is in its start period is 'unhealthy: HTTP 500', not 'still starting'", () => {
    const starting = only(['app']).map((c) => ({ ...c, health: 'starting' as const, lastCheckOutput: 'unhealthy' }));
    const probe = { ok: false, reason: 'probe /health returned 500: database unreachable', hint: 'the app is running but failing: read its logs', output: 'HTTP 500: database unreachable', durationMs: 1 };
    const status = judgeDeployment('fx', 'app', serviceStatuses(['app'], starting), starting, probe);
    expect(status.health).toBe('unhealthy');
    expect(status.reason).toBe('unhealthy: HTTP 500: database unreachable from /health');
    expect(status.reason).not.toContain('starting');
    expect(status.hint).toBe('the app is running but failing: read its logs');
    // No answer yet (connection refused): that is still a start.
    const refused = { ok: false, reason: 'probe /health: connection refused', hint: 'wait', durationMs: 1 };
    expect(judgeDeployment('fx', 'app', serviceStatuses(['app'], starting), starting, refused).reason).toMatch(/^app is still starting/);
  });

  it('nothing running: stopped when every service stopped cleanly, unhealthy when missing or crashed', () => {
    const [killed] = only(['killed']);
    if (!killed) throw new Error('fixture without the killed container');
    const clean = [{ ...killed, exitCode: 143 }];
    expect(judgeDeployment('fx', 'killed', serviceStatuses(['killed'], clean), clean).health).toBe('stopped');
    expect(judgeDeployment('fx', 'app', serviceStatuses(['app'], []), []).health).toBe('unhealthy');
  });
});

describe('judgeDeployment: jobs and restart loops', () => {
  it('a one-shot service that exited 0 beside a running main service is a finished job, not a problem', () => {
    const [exits] = only(['exits']);
    if (!exits) throw new Error('fixture without the exits container');
    const containers = [...only(['app']), { ...exits, service: 'migrate', exitCode: 0 }];
    const status = judgeDeployment('fx', 'app', serviceStatuses(['app', 'migrate'], containers), containers, { ok: true, durationMs: 1 });
    expect(status).toMatchObject({ health: 'healthy' });
    expect(status.reason).toBeUndefined();
  });

  it('the main service exiting 0 is still a stop', () => {
    const [exits] = only(['exits']);
    if (!exits) throw new Error('fixture without the exits container');
    const containers = [{ ...exits, exitCode: 0 }];
    expect(judgeDeployment('fx', 'exits', serviceStatuses(['exits'], containers), containers)).toMatchObject({ health: 'stopped', reason: 'exits is stopped (it exited normally)' });
  });

  it('a restart loop after out-of-memory kills says out of memory and to raise memory', () => {
    const [killed] = only(['killed']);
    if (!killed) throw new Error('fixture without the killed container');
    const looping = [{ ...killed, restarting: true, restartCount: 4, exitCode: 137 }];
    const status = judgeDeployment('fx', 'killed', serviceStatuses(['killed'], looping), looping);
    expect(status.reason).toBe('killed keeps restarting: out of memory (exit 137), 4 restarts so far');
    expect(status.hint).toMatch(/^raise memory/);
  });
});
