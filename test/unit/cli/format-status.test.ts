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
  it('each HTTPS URL with its certificate days, or why it could not be read; under 14 days a warning line', () => {
    const https = { ...record, urls: ['https://tasks.lab.test', 'https://old.lab.test'] };
    const status = {
      deployment: 'tasks',
      health: 'healthy' as const,
      services: [],
      certificates: [
        { url: 'https://tasks.lab.test', validTo: '2026-12-02T12:00:00.000Z', daysLeft: 10 },
        { url: 'https://old.lab.test', error: 'getaddrinfo ENOTFOUND old.lab.test' },
      ],
    };
    const text = formatStatus(
      [{ host: 'nas', broken: [], deployments: [{ host: 'nas', record: https, status, actions: actionTable({ provider: undefined, record: https, status }) }], warnings: [{ message: 'tasks: the certificate of https://tasks.lab.test expires in 10 days (2026-12-02)', hint: 'renew it' }] }],
      now,
    );
    expect(text).toContain('tasks on nas: certificate of https://tasks.lab.test: 10 days left (until 2026-12-02)');
    expect(text).toContain('tasks on nas: certificate of https://old.lab.test: cannot read it: getaddrinfo ENOTFOUND old.lab.test');
    expect(text).toContain('warning: tasks: the certificate of https://tasks.lab.test expires in 10 days (2026-12-02)');
  });
});
