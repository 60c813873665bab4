import { describe, expect, it } from 'vitest';
import { formatStatus } from '../../../src/cli/format-status.js';
import { renderApp, waitFor } from '../../support/render-app.js';
import { fleetFixture } from './fleet-fixture.js';

const HANDMADE = {
  name: 'handmade',
  provider: 'compose' as const,
  summary: 'compose project (docker): 1/1 running, local/labapp:1, in /srv/handmade',
  hint: 'adopt it: homelab-tui adopt handmade --host docker',
};

describe('what runs without a record', () => {
  it('the dashboard lists it as unmanaged under its host, and its why line says how to adopt it', async () => {
    const { fleet, deps } = fleetFixture();
    fleet.source.setHost('nas', { unmanaged: [HANDMADE] });
    const app = renderApp({ deps });
    await waitFor(() => expect(app.frame()).toMatch(/nas[\s\S]*handmade +unmanaged · compose project \(docker\): 1\/1 running/));
    await app.press('G');
    await waitFor(() => expect(app.frame()).toContain('why: handmade runs on nas with no homelab-tui record'));
    expect(app.frame()).toContain('hint: adopt it: homelab-tui adopt handmade --host docker');
    app.unmount();
  });

  it('status names it with the command that adopts it, also when nothing else is deployed', () => {
    const text = formatStatus([{ host: 'docker', deployments: [], broken: [], unmanaged: [HANDMADE] }], 0);
    expect(text).toBe(`unmanaged on docker: handmade: ${HANDMADE.summary}\n  hint: ${HANDMADE.hint}`);
    expect(formatStatus([{ host: 'docker', deployments: [], broken: [] }], 0)).toBe('no deployments');
  });
});
