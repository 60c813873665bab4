// When an install fails or is stopped in the wizard (tmux, keystrokes only, the lab's Docker host):
// the "bad" build of the lab app never becomes healthy, the recovery menu shows with the log tail and
// "Remove what was created" leaves nothing behind; Ctrl-C during the install asks, then undoes it.
import { afterEach, describe, expect, it } from 'vitest';
import { sshRun } from '../../support/lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { choose, expectFits, press, retype, startWizard } from './wizard-lab.js';

let app: Awaited<ReturnType<typeof startWizard>> | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

/** What the deployment left on the Docker host: containers, project directory, record. */
async function leftOnHost(name: string): Promise<string> {
  const line = `docker ps -a --filter label=com.docker.compose.project=${name} --format '{{.Names}}'; ls -d /opt/homelab-tui/${name} /var/lib/homelab-tui/deployments/${name}.json 2>/dev/null; true`;
  return (await sshRun('docker', line)).stdout.trim();
}

/** From the dashboard (i) to the install step of the bad build under `name` on port `port`. */
async function startBadInstall(s: TmuxSession, name: string, port: string): Promise<void> {
  await press(s, ['i'], 'Which app do you want to install?');
  await choose(s, 'Lab app');
  await press(s, ['Enter'], /docker\s+\S+\n\s+✓ docker-compose/, 30_000);
  await choose(s, 'docker');
  await press(s, ['Enter'], 'Step 3/7');
  await press(s, ['Enter'], /▸ Deployment name\s+labapp/);
  await retype(s, 'labapp', name);
  await press(s, ['Enter'], /▸ Host port/);
  await retype(s, '8080', port);
  await press(s, ['Down', 'Down'], /▸ \+ Show 2 advanced settings/);
  await press(s, ['Enter'], /− Hide the advanced settings/);
  // The version is the first advanced field, just under the name.
  await choose(s, 'Version');
  await press(s, ['Right'], /▸ Version\s+‹ 2 ›/);
  await press(s, ['Right'], /▸ Version\s+‹ bad ›/);
  await choose(s, '[ Continue to preflight ]');
  await press(s, ['Enter'], /Step 5\/7[\s\S]*(All checks passed|Enter accepts)/, 60_000);
  await press(s, ['Enter'], 'Step 6/7');
  await press(s, ['Enter'], /\[\d\/\d\] +\d+%/);
}

describe('the wizard when an install fails or is stopped (lab Docker host)', () => {
  it('shows the recovery menu and the log tail; "Remove what was created" undoes everything', async () => {
    app = await startWizard({ hosts: ['docker'], settings: 'compose:\n  healthTimeoutSeconds: 10\n' });
    const s = app.session;
    await s.waitFor('Press i to install');
    await startBadInstall(s, 'wiz-bad', '18191');
    const failed = await s.waitFor(/✗ Step \d\/\d failed: Wait for the containers to be healthy/, 90_000);
    expectFits(failed);
    for (const option of ['Retry the failed step', 'Retry with more memory and disk', 'Keep it for debugging', 'Remove what was created']) expect(failed).toContain(option);
    expect(failed).toContain('✗ this provider sets no memory or disk size');
    expect(failed).toContain('the last lines of the log');
    expect(await leftOnHost('wiz-bad')).toContain('wiz-bad');
    await choose(s, 'Remove what was created');
    const undone = await press(s, ['Enter'], 'The install failed; everything it created was removed.', 60_000);
    expectFits(undone);
    expect(await leftOnHost('wiz-bad')).toBe('');
    await press(s, ['Enter'], 'Nothing is deployed yet.');
  });

  it('Ctrl-C during the install asks first, then undoes what was created', async () => {
    app = await startWizard({ hosts: ['docker'], settings: 'compose:\n  healthTimeoutSeconds: 120\n' });
    const s = app.session;
    await s.waitFor('Press i to install');
    await startBadInstall(s, 'wiz-stop', '18192');
    await s.waitFor('Wait for the containers to be healthy', 60_000);
    await press(s, ['C-c'], 'Stop the install?');
    expect(await leftOnHost('wiz-stop')).toContain('wiz-stop');
    const stopped = await press(s, ['Enter'], 'The install was stopped; everything it created was removed.', 60_000);
    expectFits(stopped);
    expect(await leftOnHost('wiz-stop')).toBe('');
    // The app is still running: Ctrl-C after the end quits at once.
    await s.press('C-c');
    await s.waitFor(/^\$\s*$/m);
  });
});
