// install and uninstall --purge in a real terminal (tmux): a missing answer is asked, the plan is
// shown and confirmed before anything runs, and purging asks before deleting data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmuxSession } from '../../support/tmux.js';
import { CATALOG, existsOnHost, labConfigDir, lab, onHost } from './compose-lab.js';

let configDir = '';
let term: TmuxSession;

beforeAll(async () => {
  configDir = await labConfigDir();
  term = await TmuxSession.start({ columns: 120, rows: 40, env: { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1', HOMELAB_TUI_CATALOG_DIR: CATALOG } });
});

afterAll(async () => {
  await term.stop();
});

const app = (...args: string[]) => TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config, ...args]);

describe('in a terminal', () => {
  it('install asks the missing answer, shows the plan and installs only after yes', async () => {
    await term.type(`clear; ${app('install', 'labask', '--host', 'docker', '--provider', 'compose', '--set', 'port=18099')}; echo "exit=$?"`);
    await term.press('Enter');
    await term.waitFor('Greeting (greeting; text):');
    await term.type('hello there');
    await term.press('Enter');
    await term.waitFor('Install Lab app that asks as "labask" on docker? [y/N]', 60_000);
    // The plan is longer than the screen: read the scrollback too.
    const review = await term.tmux('capture-pane', '-p', '-S', '-300', '-t', term.name);
    expect(review).toContain('✓ port 18099/tcp is free on docker');
    expect(review).toContain('Plan: install labask as "labask" on docker with compose');
    expect(review).toContain('GREETING: "hello there"');
    // Nothing has run before the answer.
    expect(await existsOnHost('docker', '/opt/homelab-tui/labask')).toBe(false);
    await term.type('y');
    await term.press('Enter');
    await term.waitFor('exit=0', 120_000);
    expect((await onHost('docker', 'docker exec labask_app_1 env')).split('\n')).toContain('GREETING=hello there');
  });

  it('uninstall --purge asks before deleting the data; no keeps it all', async () => {
    await term.type(`clear; ${app('uninstall', 'labask', '--purge')}; echo "exit=$?"`);
    await term.press('Enter');
    await term.waitFor('Delete labask and its data (/srv/labask/data) on docker? [y/N]', 60_000);
    await term.press('Enter');
    await term.waitFor('exit=1', 30_000);
    expect(await existsOnHost('docker', '/opt/homelab-tui/labask/compose.yaml')).toBe(true);
    await term.type(`clear; ${app('uninstall', 'labask', '--purge')}; echo "exit=$?"`);
    await term.press('Enter');
    await term.waitFor('[y/N]', 60_000);
    await term.type('yes');
    await term.press('Enter');
    await term.waitFor('exit=0', 60_000);
    expect(await existsOnHost('docker', '/srv/labask/data')).toBe(false);
    expect(await existsOnHost('docker', '/opt/homelab-tui/labask')).toBe(false);
  });
  it('a data folder that already holds files is used only after a yes; no leaves it and creates nothing', async () => {
    const kept = '/srv/labask-kept/data';
    await onHost('docker', `rm -rf /srv/labask-kept && mkdir -p ${kept} && echo mine > ${kept}/mine.txt`);
    const install = app('install', 'labask', '--host', 'docker', '--provider', 'compose', '--set', 'port=18098', '--set', 'greeting=hi', '--set', `data_dir=${kept}`);
    await term.type(`clear; ${install}; echo "exit=$?"`);
    await term.press('Enter');
    await term.waitFor(`${kept} on docker already holds files. Use them for "labask"? [y/N]`, 60_000);
    await term.press('Enter');
    await term.waitFor('exit=1', 30_000);
    expect(await existsOnHost('docker', '/opt/homelab-tui/labask')).toBe(false);
    await term.type(`clear; ${install}; echo "exit=$?"`);
    await term.press('Enter');
    await term.waitFor('Use them for "labask"? [y/N]', 60_000);
    await term.type('y');
    await term.press('Enter');
    await term.waitFor('Install Lab app that asks as "labask" on docker', 60_000);
    await term.type('y');
    await term.press('Enter');
    await term.waitFor('exit=0', 120_000);
    const record = JSON.parse(await onHost('docker', 'cat /var/lib/homelab-tui/deployments/labask.json')) as { data?: { path: string; created: boolean }[] };
    expect(record.data).toEqual([{ path: kept, created: false }]);
    // --purge deletes only what this deployment created: the folder was there before it.
    await term.type(`clear; ${app('uninstall', 'labask', '--purge', '--yes')}; echo "exit=$?"`);
    await term.press('Enter');
    await term.waitFor('exit=0', 60_000);
    expect((await onHost('docker', `cat ${kept}/mine.txt`)).trim()).toBe('mine');
    await onHost('docker', 'rm -rf /srv/labask-kept');
  });
});
