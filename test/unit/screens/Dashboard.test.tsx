import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';
import { readingOf, serviceOf } from '../../support/fleet-doubles.js';
import { fleetFixture } from './fleet-fixture.js';
import { figuresOf, hostStatus } from '../../../src/screens/FleetLine.js';

async function open() {
  const { fleet, deps } = fleetFixture();
  const app = renderApp({ deps });
  await waitFor(() => expect(app.frame()).toContain('jellyfin'));
  return { app, fleet };
}

describe('fleet view', () => {
  it('lists every host with its connection, its deployments and their services with state, health, version, restarts and resources', async () => {
    const { app, fleet } = await open();
    fleet.states.update({ host: 'docker', status: 'connected', since: fleet.manualClock.now() - 180_000, failures: 0 });
    await waitFor(() => expect(app.frame()).toMatch(/docker 10\.0\.0\.2 · ● connected 3m/));
    const frame = app.frame();
    expect(frame).toMatch(/labapp\s+1\/1 up\s+✗ unhealthy\s+bad/);
    expect(frame).toMatch(/web\s+running\s+✗ unhealthy\s+bad\s+10m\s+2/);
    expect(frame).toMatch(/app\s+running\s+✓ healthy\s+29\.0\s+10m\s+0\s+3%\s+300M/);
    // A job that finished fine is completed, never red.
    expect(frame).toMatch(/migrate\s+exited\s+✓ completed/);
    expect(frame).toMatch(/jellyfin\s+restarting\s+✗ restarting/);
    expect(frame).toContain('3 deployments · 1 healthy · 2 unhealthy');
    app.unmount();
  });

  it('shows a host that does not answer as unreachable since when, with its reason when selected', async () => {
    const { app, fleet } = await open();
    fleet.states.update({ host: 'nas', status: 'unreachable', since: fleet.manualClock.now() - 12_000, failures: 3, message: 'no answer from 10.0.0.3:22 within 10 s', hint: 'check that the host is up' });
    await waitFor(() => expect(app.frame()).toMatch(/nas 10\.0\.0\.3 · ✗ unreachable for 12s: no answer from 10\.0\.0\.3:22 within 10 s/));
    expect(app.frame()).toContain('(1 not answering)');
    app.unmount();
  });

  it('Enter on a host that does not answer says why nothing opens, with the host\'s reason on screen', async () => {
    const { app, fleet } = await open();
    fleet.states.update({ host: 'nas', status: 'unreachable', since: fleet.manualClock.now() - 12_000, failures: 3, message: 'no answer from 10.0.0.3:22 within 10 s', hint: 'check that the host is up' });
    await app.press('G', 'k', 'k');
    await waitFor(() => expect(app.frame()).toMatch(/▸ nas 10\.0\.0\.3/));
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('details: select a deployment or a service first'));
    expect(app.frame()).toContain('why: no answer from 10.0.0.3:22 within 10 s');
    expect(app.frame()).toContain('hint: check that the host is up');
    expect(app.store.getState().route.name).toBe('dashboard');
    app.unmount();
  });

  it('says when a host is retried in words: in so many seconds, or now (never "retry in 0s")', () => {
    const now = 1_000_000;
    const info = (nextAt: number) => ({ address: '10.0.0.3', local: false, connection: { host: 'nas', status: 'unreachable' as const, since: now - 2_000, failures: 2 }, fleet: { failures: 2, nextAt, refreshedAt: now - 5_000, reading: { host: 'nas', deployments: [], broken: [] } } as never });
    expect(hostStatus(info(now + 5_000), now).text).toBe('unreachable for 2s · retry in 5s');
    expect(hostStatus(info(now + 300), now).text).toBe('unreachable for 2s · retrying now');
    expect(hostStatus(info(now - 50), now).text).toBe('unreachable for 2s · retrying now');
  });

  it("a host's warning (disk nearly full) is what its line says, with ⚠; its figures follow the count", () => {
    const now = 1_000_000;
    const reading = {
      host: 'nas',
      deployments: [],
      broken: [],
      resources: { load1: 0.5, cores: 4, memoryTotalBytes: 1000, memoryAvailableBytes: 600, disks: [] },
      warnings: [{ message: 'disk: 4% free (3 MiB of 64 MiB), under 20%, on nas at /mnt/media', hint: 'free space' }, { message: 'memory: …' }],
    };
    const info = { address: '10.0.0.3', local: false, connection: { host: 'nas', status: 'connected' as const, since: now - 60_000, failures: 0 }, fleet: { failures: 0, nextAt: now, refreshedAt: now - 1_000, reading } as never };
    expect(hostStatus(info, now)).toEqual({ look: { glyph: '⚠', colour: 'warn' }, text: 'disk: 4% free (3 MiB of 64 MiB), under 20%, on nas at /mnt/media (+1 more) · refreshed 1s ago' });
    expect(figuresOf(info)).toBe(' · load 0.50/4 · mem 40%');
  });

  it('says why the selected line is red, with a hint', async () => {
    const { app } = await open();
    await app.press('j');
    await waitFor(() => expect(app.frame()).toContain('why: labapp: probe /health returned 500: database unreachable'));
    expect(app.frame()).toContain('hint: the app is running but failing: read its logs');
    await app.press('G');
    await waitFor(() => expect(app.frame()).toContain('why: container restarting: out of memory (exit 137) (7 restarts)'));
    expect(app.frame()).toMatch(/hint: raise memory/);
    app.unmount();
  });

  it('filters with / (regex over names, apps, hosts and states) and clears with esc', async () => {
    const { app } = await open();
    await app.press('/');
    for (const ch of 'jelly|migr') await app.press(ch);
    await waitFor(() => expect(app.frame()).toContain('/jelly|migr'));
    expect(app.frame()).toContain('jellyfin');
    expect(app.frame()).toContain('migrate');
    expect(app.frame()).not.toContain('labapp');
    // The deployment of a matching service stays as its heading; its other services go.
    expect(app.frame()).toContain('nextcloud');
    expect(app.frame()).not.toMatch(/\bdb\b/);
    // Typed keys are text, not commands: q did not quit.
    await app.press(KEYS.enter);
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('labapp'));
    expect(app.store.getState().quitting).toBe(false);
    app.unmount();
  });

  it('sorts and groups: by health puts the unhealthy first under a heading', async () => {
    const { app } = await open();
    await app.press('v');
    await waitFor(() => expect(app.frame()).toContain('by health'));
    const frame = app.frame();
    expect(frame.indexOf('Unhealthy (2 deployments)')).toBeLessThan(frame.indexOf('Healthy (1 deployment)'));
    expect(frame).toContain('labapp @docker');
    await app.press('s');
    await waitFor(() => expect(app.frame()).toContain('sort health'));
    app.unmount();
  });

  it('draws only the rows that fit, however many services there are', async () => {
    const { fleet, deps } = fleetFixture();
    fleet.source.setHost('docker', { deployments: Array.from({ length: 100 }, (_, i) => readingOf('docker', `app-${String(i).padStart(3, '0')}`, { services: [1, 2, 3, 4, 5].map((n) => serviceOf(`svc${n}`)) })) });
    const app = renderApp({ deps });
    await waitFor(() => expect(app.frame()).toContain('app-000'));
    expect(app.frame().split('\n').length).toBeLessThanOrEqual(24);
    expect(app.frame()).toMatch(/1-\d+ of 604/);
    expect(app.frame()).not.toContain('app-099');
    await app.press('G');
    await waitFor(() => expect(app.frame()).toContain('jellyfin'));
    expect(app.frame()).not.toContain('app-000');
    app.unmount();
  });
});

describe('details', () => {
  it('opens with enter: the verdict with its reason and hint, the probe and its output, services, URL, disk use and the last log lines', async () => {
    const { app, fleet } = await open();
    fleet.source.details = () => ({ logTail: [{ source: 'web', line: 'GET /health 500' }], disk: [{ path: '/srv/labapp/data', bytes: 1536 * 1024 }] });
    await app.press('j', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('GET /health 500'));
    const frame = app.frame();
    expect(frame).toMatch(/labapp on docker · labapp bad · compose · ✗ unhealthy/);
    expect(frame).toContain('why: probe /health returned 500: database unreachable');
    expect(frame).toContain('hint: the app is running but failing: read its logs');
    expect(frame).toMatch(/probe\s+✗ probe \/health returned 500: database unreachable \(12 ms\)/);
    expect(frame).toContain('HTTP 500: database unreachable');
    expect(frame).toContain('url    http://10.0.0.2:8080');
    expect(frame).toMatch(/web\s+✗ unhealthy\s+version bad\s+up 10m\s+restarts 2/);
    expect(frame).toContain('/srv/labapp/data  1.5M');
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('by host'));
    app.unmount();
  });

  it('shows each HTTPS certificate: a new 12-hour local-CA one plainly, one near its end with ⚠ renew it, one unreadable with why', async () => {
    const { fleet, deps } = fleetFixture();
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const HOUR = 3_600_000;
    fleet.source.setHost('docker', {
      deployments: [
        readingOf(
          'docker',
          'tasks',
          {
            certificates: [
              { url: 'https://tasks.lab.test/', validFrom: iso(now - HOUR), validTo: iso(now + 11 * HOUR + 60_000), checkedAt: iso(now), daysLeft: 0, readAt: '10.0.0.2' },
              { url: 'https://old.lab.test/', validFrom: iso(now - 80 * 24 * HOUR), validTo: iso(now + 10 * 24 * HOUR + 60_000), checkedAt: iso(now), daysLeft: 10 },
              { url: 'https://gone.lab.test/', error: 'gone.lab.test does not resolve from this machine (ENOTFOUND)' },
            ],
          },
          { urls: ['https://tasks.lab.test/', 'https://old.lab.test/', 'https://gone.lab.test/'] },
        ),
      ],
    });
    const app = renderApp({ deps, columns: 140 });
    await waitFor(() => expect(app.frame()).toContain('tasks'));
    await app.press('j', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('cert   https://gone.lab.test/'));
    const frame = app.frame();
    expect(frame).toMatch(/cert {3}https:\/\/tasks\.lab\.test\/: 11 hours left \(until \d{4}-\d\d-\d\d \d\d:\d\dZ\)\n/);
    expect(frame).toMatch(/cert {3}https:\/\/old\.lab\.test\/: 10 days left \(until \d{4}-\d\d-\d\d\) ⚠ renew it/);
    expect(frame).toContain('cert   https://gone.lab.test/: cannot read it: gone.lab.test does not resolve from this machine (ENOTFOUND)');
    app.unmount();
  });

  it('explains an out-of-memory restart loop in words, with what to do', async () => {
    const { app } = await open();
    await app.press('G', 'k', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('jellyfin on nas'));
    expect(app.frame()).toMatch(/why: container restarting: out of memory \(exit 137\) \(7 restarts\) — raise memory/);
    app.unmount();
  });

  it('drops details that arrive after the user moved on to another deployment', async () => {
    const { app, fleet } = await open();
    fleet.source.holdDetails = true;
    await app.press('j', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('labapp on docker'));
    await app.press(KEYS.escape, 'j', 'j', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('nextcloud on docker'));
    const [forLabapp, forNextcloud] = fleet.source.heldDetails;
    expect(forLabapp?.reading.record.name).toBe('labapp');
    forLabapp?.resolve({ logTail: [{ source: 'web', line: 'LABAPP LINE' }], disk: [] });
    forNextcloud?.resolve({ logTail: [{ source: 'app', line: 'NEXTCLOUD LINE' }], disk: [] });
    await waitFor(() => expect(app.frame()).toContain('NEXTCLOUD LINE'));
    expect(app.frame()).not.toContain('LABAPP LINE');
    app.unmount();
  });
});

describe('stale host answers', () => {
  it('drops a refresh that was in flight when the host was invalidated (after a restart) and shows the fresh one', async () => {
    const { fleet, deps } = fleetFixture();
    const answers: Array<(name: string) => void> = [];
    fleet.source.setHost('nas', () => new Promise((resolve) => answers.push((name) => resolve({ host: 'nas', broken: [], deployments: [readingOf('nas', name)] }))));
    const app = renderApp({ deps });
    await waitFor(() => expect(answers).toHaveLength(1));
    app.store.getState().invalidateHost('nas');
    answers[0]?.('old-answer');
    await waitFor(() => expect(answers).toHaveLength(2));
    answers[1]?.('fresh-answer');
    await waitFor(() => expect(app.frame()).toContain('fresh-answer'));
    expect(app.frame()).not.toContain('old-answer');
    app.unmount();
  });
});
