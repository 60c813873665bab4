// A host whose link goes down shows as unreachable within its timeouts, and comes back by itself
// when the link returns; the other hosts are not held up meanwhile.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labFaults } from '../../support/lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { labConfigDir, startApp } from './dashboard-lab.js';

let configDir = '';
let session: TmuxSession | undefined;

beforeAll(async () => {
  configDir = await labConfigDir(['docker', 'bare']);
});

afterEach(async () => {
  await session?.stop();
  session = undefined;
});

afterAll(async () => {
  await labFaults.linkUp('bare');
});

describe('host connection states on the dashboard', () => {
  it('shows a host unreachable when its link goes down, and connected again when it returns', async () => {
    session = await startApp(configDir);
    await session.waitFor(/bare \S+ · ● connected/);
    await session.waitFor(/docker \S+ · ● connected/);

    await labFaults.linkDown('bare');
    const down = Date.now();
    // Keepalives (2 s × 3) notice the dead link, then a reconnect times out (3 s); a refresh every 2 s.
    const screen = await session.waitFor(/bare \S+ · ✗ unreachable for \d+s/, 30_000);
    expect(Date.now() - down).toBeLessThan(25_000);
    expect(screen).toMatch(/docker \S+ · ● connected/);
    expect(screen).toContain('(1 not answering)');

    await labFaults.linkUp('bare');
    // Retries back off (2, 4, 8 … at most 30 s), so the return is seen within one backoff step.
    await session.waitFor(/bare \S+ · ● connected/, 45_000);
    expect(await session.screen()).not.toContain('not answering');
  });
});
