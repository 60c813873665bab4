// `shell NAME` in a real terminal (tmux) on Docker and Podman: a shell opens in the deployment's
// container through the host's SSH with a pty, `hostname` there is the container's, Ctrl-C reaches the
// remote shell (not homelab-tui), and its exit code comes back as homelab-tui's. Without a terminal it
// refuses in words (exit 2).
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellSession } from '../../support/shell-session.js';
import { TmuxSession } from '../../support/tmux.js';
import { cli, engineOf, lab, labConfigDir, onHost } from './compose-lab.js';

let configDir = '';
beforeAll(async () => {
  configDir = await labConfigDir();
});

describe.each([
  { host: 'docker', port: 18301 },
  { host: 'podman', port: 18302 },
])('shell on $host', ({ host, port }) => {
  const name = `shell-${host}`;
  let term: TmuxSession;

  beforeAll(async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', `port=${port}`, '--set', `data_dir=/srv/${name}/data`, '--yes', '--reuse-data']);
    expect(run.code, run.stderr).toBe(0);
    term = await TmuxSession.start({ columns: 100, rows: 30, env: { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' } });
  });
  afterAll(async () => {
    await term?.stop();
    await cli(configDir, ['uninstall', name, '--purge', '--yes']);
  });

  it('refuses without a terminal, in words, exit 2', async () => {
    const run = await cli(configDir, ['shell', name]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('shell needs a terminal');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("opens a shell in the app's container: its hostname, Ctrl-C stays inside, the exit code comes back", async () => {
    const id = (await onHost(host, `${engineOf(host)} ps -q --filter label=com.docker.compose.project=${name} --filter label=com.docker.compose.service=labapp`)).trim();
    const hostname = (await onHost(host, `${engineOf(host)} inspect --format '{{.Config.Hostname}}' ${id}`)).trim();
    expect(hostname).not.toBe('');
    const app = TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config, 'shell', name]);
    await shellSession(term, {
      app,
      shown: `exec -it ${id}`,
      hostname,
      exitCode: 3,
      // Ctrl-C goes to the remote shell: a sleep ends, the shell and homelab-tui stay.
      inside: async (t) => {
        await t.type('sleep 30');
        await t.press('Enter');
        await new Promise((r) => setTimeout(r, 500));
        await t.press('C-c');
        await t.type('echo "still=$(hostname)"');
        await t.press('Enter');
        await t.waitFor(`still=${hostname}`, 15_000);
      },
    });
  });

  it('a kill of homelab-tui hangs the shell up: exit 130 in words, the terminal in its normal mode again', async () => {
    const app = TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config, 'shell', name]);
    await term.type(`clear; ${app}; echo "exit=$?"; stty -a | grep -o -- '-\\?icanon'`);
    await term.press('Enter');
    await term.waitFor(/come back\)[\s\S]*\n[^\n]*[#$] ?$/m, 60_000);
    const pids = (await execa('pgrep', ['-f', '--', `--config-dir ${configDir} .*shell ${name}$`], { reject: false })).stdout.trim().split('\n').filter(Boolean);
    expect(pids).toHaveLength(1);
    process.kill(Number(pids[0]), 'SIGTERM');
    const screen = await term.waitFor(/exit=\d+\s*\n\s*-?icanon/, 15_000);
    expect(screen).toContain(`the shell on ${host} was hung up (interrupted (SIGTERM))`);
    expect(screen).toContain('exit=130');
    // Canonical mode (line editing) is back: raw mode left behind would print -icanon.
    expect(screen).not.toContain('-icanon');
  });

  it('names the service it does not have', async () => {
    const run = await cli(configDir, ['shell', name, 'nosuch']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"${name}" has no service "nosuch"`);
    expect(run.stderr).toContain('its services: labapp');
  });
});
