import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TmuxSession } from '../../support/tmux.js';

let session: TmuxSession | undefined;

/** A config dir with an (empty) inventory: not a first run, so the app opens on the dashboard. */
async function configDirWithInventory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hl-e2e-'));
  await writeFile(join(dir, 'hosts.yaml'), 'hosts: []\n');
  return dir;
}
afterEach(async () => {
  await session?.stop();
  session = undefined;
});

describe('the app shell in a real terminal (tmux, 80×24)', () => {
  it('takes the alternate screen, shows help on ?, quits on q and gives the old screen back', async () => {
    const configDir = await configDirWithInventory();
    session = await TmuxSession.start({ columns: 80, rows: 24 });
    await session.type('echo BEFORE-THE-APP');
    await session.press('Enter');
    await session.waitFor(/^BEFORE-THE-APP$/m);
    await session.type(TmuxSession.appCommand(['--config-dir', configDir]));
    await session.press('Enter');
    const dashboard = await session.waitFor('Nothing is deployed yet.');
    expect(dashboard).not.toContain('BEFORE-THE-APP');
    expect(dashboard.split('\n')[0]).toContain('homelab-tui');
    expect(dashboard).toMatch(/\? help\s+q quit/);

    await session.press('?');
    const help = await session.waitFor('move down');
    expect(help).toMatch(/esc\s+close help/);
    expect(help).toMatch(/q\s+quit/);
    // 80x24 holds about a page of it: the title says so, and pgdn shows the next.
    expect(help).toMatch(/Keys · lines 1-\d+ of \d+/);
    expect(help).not.toContain('…');
    await session.press('PageDown');
    expect(await session.waitFor(/i\s+install an app/)).toMatch(/Keys · lines \d+-\d+ of/);

    await session.press('q');
    const after = await session.waitFor(/^BEFORE-THE-APP$/m);
    expect(after).not.toContain('Nothing is deployed yet.');
  });

  it('redraws to fit after a resize and still quits on Ctrl-C with the screen restored', async () => {
    const configDir = await configDirWithInventory();
    session = await TmuxSession.start({ columns: 80, rows: 24 });
    await session.type(TmuxSession.appCommand(['--config-dir', configDir]));
    await session.press('Enter');
    await session.waitFor('Nothing is deployed yet.');
    await session.resize(100, 30);
    const wide = await session.waitFor(/homelab-tui install APP --host HOST \(see homelab-tui --help\)\./);
    expect(wide.split('\n').length).toBeGreaterThanOrEqual(29);
    await session.resize(60, 20);
    const narrow = await session.waitFor(/^ APP --host HOST \(see homelab-tui --help\)\.$/m);
    expect(narrow.split('\n').every((line) => line.length <= 60)).toBe(true);
    await session.press('C-c');
    await session.waitFor(/^\$\s*$/m);
  });

  it('uses colour in a colour terminal and none with NO_COLOR', async () => {
    // A foreground colour SGR parameter (30-37, 90-97) as tmux re-encodes styles.
    const colour = /\u001B\[[0-9;]*(3[0-7]|9[0-7])[;m]/;
    for (const [env, expectColour] of [[{}, true], [{ NO_COLOR: '1' }, false]] as const) {
      const configDir = await configDirWithInventory();
      session = await TmuxSession.start({ columns: 80, rows: 24, env });
      await session.type(TmuxSession.appCommand(['--config-dir', configDir]));
      await session.press('Enter');
      await session.waitFor('Nothing is deployed yet.');
      expect(colour.test(await session.screenWithStyles())).toBe(expectColour);
      await session.press('q');
      await session.stop();
      session = undefined;
    }
  });

  it('takes every key of a burst that arrives in one read (Tab, Backspace, Enter between letters)', async () => {
    const configDir = await configDirWithInventory();
    session = await TmuxSession.start({ columns: 80, rows: 24 });
    await session.type(TmuxSession.appCommand(['--config-dir', configDir]));
    await session.press('Enter');
    await session.waitFor('Nothing is deployed yet.');
    await session.press('i');
    await session.waitFor('Which app do you want to install?');
    await session.press('Enter');
    await session.waitFor('Add a host');
    await session.press('a');
    await session.waitFor(/▸ Name/);
    // One write to the terminal: a user typing faster than a frame, or an SSH link that batches.
    await session.type('nasx\u007f\t10.0.0.99\u007f9\tadmin');
    const form = await session.waitFor(/User\s+admin/);
    expect(form).toMatch(/Name\s+nas\n/);
    expect(form).toMatch(/Address\s+10\.0\.0\.99\n/);
    await session.press('C-c');
  });

  it('shows a malformed hosts.yaml as an error on the dashboard, not a crash', async () => {
    const configDir = await mkdtemp(join(tmpdir(), 'hl-e2e-'));
    await writeFile(join(configDir, 'hosts.yaml'), 'hosts:\n  - name: nas\n    address: 10.0.0.2\n    port: x\n');
    session = await TmuxSession.start({ columns: 80, rows: 24 });
    await session.type(TmuxSession.appCommand(['--config-dir', configDir]));
    await session.press('Enter');
    const screen = await session.waitFor('✗');
    expect(screen).toMatch(/hosts\.yaml:4:5: hosts\[0\]\.port/);
    await session.press('q');
  });
});
