import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';
import { fakeFleetDeps, readingOf, tableProvider } from '../../support/fleet-doubles.js';
import type { BackupLine } from '../../../src/services/backup/backup-listing.js';

const MIB = 2 ** 20;

const archives: BackupLine[] = [
  { archive: '/state/backups/labapp-20260101T020000Z.tar', file: 'labapp-20260101T020000Z.tar', bytes: 3 * MIB, takenAt: '2026-01-01T02:00:00Z' },
  { archive: '/state/backups/labapp-20260101T010000Z.tar', file: 'labapp-20260101T010000Z.tar', bytes: 2 * MIB, takenAt: '2026-01-01T01:00:00Z' },
];

/** One compose deployment that can be backed up, and details that list `backups`. */
async function open(backups: BackupLine[] = archives) {
  const fleet = fakeFleetDeps();
  fleet.source.setHost('docker', { deployments: [readingOf('docker', 'labapp', {}, {}, { provider: tableProvider('Docker Compose', true, true) })] });
  fleet.source.details = () => ({ logTail: [], disk: [], backups, backupsDir: '/state/backups' });
  const app = renderApp({ deps: { fleet, loadHosts: async () => [{ name: 'docker', kind: 'ssh', address: '10.0.0.2' }] }, columns: 120, rows: 30 });
  await waitFor(() => expect(app.frame()).toContain('labapp'));
  // The first row is the host's heading: select the deployment.
  await app.press('j');
  await waitFor(() => expect(app.frame()).toMatch(/▸ labapp/));
  return { app, fleet };
}

describe('backups from the dashboard', () => {
  it('b backs up the selected deployment at once, with its bytes and percent while it runs', async () => {
    const { app, fleet } = await open();
    fleet.source.holdActions = true;
    await app.press('b');
    await waitFor(() => expect(fleet.source.heldActions).toHaveLength(1));
    const held = fleet.source.heldActions[0]!;
    expect(held.action).toBe('backup');
    held.options.onProgress?.({ member: 'data/0.tar', bytes: 5 * MIB, total: 10 * MIB });
    await waitFor(() => expect(app.frame()).toContain('… backing up labapp on docker (data/0.tar: 5.0 MiB of about 10.0 MiB (50%))'));
    held.options.onProgress?.({ member: 'data/0.tar', bytes: 9 * MIB, total: 10 * MIB });
    await waitFor(() => expect(app.frame()).toContain('(data/0.tar: 9.0 MiB of about 10.0 MiB (90%))'));
    held.resolve({ ok: true, message: 'backed up labapp on docker to /state/backups/labapp-20260101T030000Z.tar (10M)' });
    await waitFor(() => expect(app.frame()).toContain('✓ backed up labapp on docker to /state/backups/labapp-20260101T030000Z.tar'));
    expect(app.frame()).not.toContain('… backing up');
    app.unmount();
  });

  it('the details list the archives newest first with time and size; P plans the selected one, shows the plan, and applies it only on yes', async () => {
    const { app, fleet } = await open();
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('Backups (in /state/backups)'));
    const frame = app.frame();
    expect(frame).toMatch(/▸ 2026-01-01 02:00:00Z\s+3\.0M\s+labapp-20260101T020000Z\.tar/);
    expect(frame).toMatch(/\n {3}2026-01-01 01:00:00Z\s+2\.0M\s+labapp-20260101T010000Z\.tar/);
    expect(frame.indexOf('020000Z.tar')).toBeLessThan(frame.indexOf('010000Z.tar'));
    await app.press('j');
    await waitFor(() => expect(app.frame()).toMatch(/▸ 2026-01-01 01:00:00Z/));
    await app.press('P');
    await waitFor(() => expect(app.frame()).toContain('⚠ Restore labapp on docker from labapp-20260101T010000Z.tar? [y/N]'));
    expect(app.frame()).toContain('1. Safety backup of what it holds now');
    expect(app.frame()).toContain('2. Restore the archive: stop the app');
    expect(fleet.source.restores).toEqual([{ ref: { host: 'docker', name: 'labapp' }, archive: archives[1]!.archive, applied: false }]);
    await app.press('n');
    await waitFor(() => expect(app.frame()).not.toContain('[y/N]'));
    expect(fleet.source.restores.some((r) => r.applied)).toBe(false);
    fleet.source.holdActions = true;
    await app.press('P');
    await waitFor(() => expect(app.frame()).toContain('[y/N]'));
    await app.press('y');
    await waitFor(() => expect(fleet.source.heldActions).toHaveLength(1));
    const held = fleet.source.heldActions[0]!;
    held.options.onEvent?.({ type: 'step', index: 1, total: 2, title: 'Restore the archive', percent: 50 });
    held.options.onEvent?.({ type: 'output', line: 'restoring /srv/labapp/data' });
    await waitFor(() => expect(app.frame()).toContain('… restoring labapp on docker (step 2/2: Restore the archive: restoring /srv/labapp/data)'));
    held.resolve({ ok: true, message: 'restored labapp on docker from the archive; it is healthy' });
    await waitFor(() => expect(app.frame()).toContain('✓ restored labapp on docker from the archive; it is healthy'));
    expect(fleet.source.restores.filter((r) => r.applied).map((r) => r.archive)).toEqual([archives[1]!.archive]);
    app.unmount();
  });

  it('a damaged archive is refused with its reason before any question', async () => {
    const { app, fleet } = await open();
    fleet.source.restorePlan = Object.assign(new Error('not restored: /state/backups/labapp-20260101T020000Z.tar: member data/0.tar does not match its sha256 (the archive is damaged)'), { hint: 'nothing was changed on any host' });
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('Backups (in /state/backups)'));
    await app.press('P');
    await waitFor(() => expect(app.frame()).toContain('does not match its sha256 (the archive is damaged)'));
    expect(app.frame()).toContain('nothing was changed on any host');
    expect(app.frame()).not.toContain('[y/N]');
    app.unmount();
  });

  it('with no archives, restore says why it is off and how to take one; help lists b and P', async () => {
    const { app, fleet } = await open([]);
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('none on this machine yet (b takes one)'));
    await app.press('P');
    await waitFor(() => expect(app.frame()).toContain('no backups of labapp on this machine yet (b takes'));
    expect(fleet.source.restores).toEqual([]);
    await app.press('?');
    await waitFor(() => expect(app.frame()).toContain('Keys'));
    let help = app.frame();
    for (let page = 0; page < 5 && !/\bP\s+put the selected backup back/.test(help); page += 1) {
      await app.press(KEYS.pageDown);
      help = app.frame();
    }
    expect(help).toMatch(/\bP\s+put the selected backup back/);
    app.unmount();
  });

  it('an encrypted archive asks for its passphrase (typed masked, never in the store), asks again when it does not open it, and a no lets go of the decrypted copy', async () => {
    const encrypted: BackupLine = { archive: '/state/backups/labapp-20260101T030000Z.tar.age', file: 'labapp-20260101T030000Z.tar.age', bytes: 3 * MIB, takenAt: '2026-01-01T03:00:00Z' };
    const { app, fleet } = await open([encrypted, ...archives]);
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toMatch(/▸ 2026-01-01 03:00:00Z\s+3\.0M\s+labapp-20260101T030000Z\.tar\.age/));
    await app.press('P');
    await waitFor(() => expect(app.frame()).toContain('Passphrase for labapp-20260101T030000Z.tar.age:'));
    expect(fleet.source.restores).toEqual([]);
    await app.press('nope');
    await waitFor(() => expect(app.frame()).toContain('••••'));
    expect(app.frame()).not.toContain('nope');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('(that one does not open it; try again)'));
    expect(fleet.source.restores.map((r) => r.passphrase)).toEqual(['nope']);
    await app.press(fleet.source.archivePassphrase);
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('⚠ Restore labapp on docker from labapp-20260101T030000Z.tar.age? [y/N]'));
    expect(JSON.stringify(app.store.getState(), (_k, v: unknown) => (typeof v === 'function' ? undefined : v))).not.toContain(fleet.source.archivePassphrase);
    await app.press('n');
    await waitFor(() => expect(fleet.source.restores.at(-1)?.discarded).toBe(true));
    expect(fleet.source.restores.some((r) => r.applied)).toBe(false);
    // Esc at the passphrase restores nothing and asks nothing more.
    await app.press('P');
    await waitFor(() => expect(app.frame()).toContain('Passphrase for'));
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).not.toContain('Passphrase for'));
    expect(fleet.source.restores).toHaveLength(2);
    app.unmount();
  });
});
