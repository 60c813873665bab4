import { describe, expect, it } from 'vitest';
import { formatStatus } from '../../../src/cli/format-status.js';
import { formatDuration, uptimeSeconds } from '../../../src/cli/uptime.js';
import type { DeploymentRecord } from '../../../src/platform/deployments/deployment-record.js';
import { actionTable } from '../../../src/services/lifecycle/action-table.js';

const record: DeploymentRecord = { schema: 1, name: 'tasks', app: 'vikunja', version: '2.5.0', provider: 'compose', host: 'nas', createdAt: 'c', updatedAt: 'u', answers: {}, secretKeys: [], refs: {}, urls: [], releases: [] };
const now = Date.parse('2026-11-22T12:00:00Z');

describe('status text', () => {
  it('uptime of running services only, in the largest whole unit', () => {
    expect(uptimeSeconds({ name: 'a', state: 'running', health: 'none', startedAt: '2026-11-22T11:00:00Z' }, now)).toBe(3600);
    expect(uptimeSeconds({ name: 'a', state: 'exited', health: 'none', startedAt: '2026-11-22T11:00:00Z' }, now)).toBeUndefined();
    expect([45, 720, 7200, 172_800].map(formatDuration)).toEqual(['45s', '12m', '2h', '2d']);
  });

  it('a table of deployments, then each problem with its hint, then hosts that did not answer', () => {
    const text = formatStatus(
      [
        {
          host: 'nas',
          broken: [],
          deployments: [
        {
          host: 'nas',
          record,
          actions: actionTable({ provider: undefined, record, status: { deployment: 'tasks', health: 'degraded', services: [] } }),
          status: {
            deployment: 'tasks',
            health: 'degraded',
            services: [
              { name: 'vikunja', state: 'running', health: 'healthy', startedAt: '2026-11-22T11:58:00Z', restarts: 2 },
              { name: 'db', state: 'exited', health: 'none', exitCode: 137 },
            ],
            reason: 'db was killed (exit 137, SIGKILL): most often it ran out of memory',
            hint: 'check the host\'s memory',
          },
        },
          ],
        },
        { host: 'pi', deployments: [], broken: [], error: { message: 'connection refused', hint: 'is sshd running?' } },
      ],
      now,
    );
    expect(text.split('\n')).toEqual([
      'HOST  NAME   APP      VERSION  PROVIDER  HEALTH    SERVICES',
      'nas   tasks  vikunja  2.5.0    compose   degraded  vikunja:running/healthy up 2m (2 restarts), db:exited',
      '',
      'tasks on nas: db was killed (exit 137, SIGKILL): most often it ran out of memory',
      '  hint: check the host\'s memory',
      'pi did not answer: connection refused',
      '  hint: is sshd running?',
    ]);
  });
});
