// `shell NAME` for a k3s deployment in a real terminal (tmux): `kubectl exec -it` into the app's
// running pod over the host's SSH with a pty. The host's kubectl is the lab SIMULATOR: its `exec`
// runs the command in the pod's Podman container, with a terminal when it is given one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../support/lab.js';
import { shellSession } from '../../support/shell-session.js';
import { TmuxSession } from '../../support/tmux.js';
import { cli, k3sConfigDir, kubectlJson, onK3s } from './k3s-lab.js';

const name = 'k3s-shell';
const lab = loadLab();
let configDir = '';
let term: TmuxSession | undefined;

beforeAll(async () => {
  configDir = await k3sConfigDir();
  await onK3s(`kubectl delete namespace ${name} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/${name}.json`);
  const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes']);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  await term?.stop();
  await cli(configDir, ['uninstall', name, '--purge', '--yes']);
});

describe('a shell in a k3s pod', () => {
  it('refuses a service the deployment does not have, exit 2', async () => {
    const run = await cli(configDir, ['shell', name, 'nosuch']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"${name}" has no service "nosuch"`);
  });

  it("opens a shell in the app's pod: its hostname, and the shell's exit code comes back", async () => {
    const pods = await kubectlJson(`pods -n ${name}`);
    const pod = pods.items[0]?.metadata.name as string;
    expect(pod).toBeDefined();
    const hostname = (await onK3s(`kubectl exec -n ${name} pod/${pod} -- hostname`)).trim();
    expect(hostname).not.toBe('');
    term = await TmuxSession.start({ columns: 100, rows: 30, env: { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' } });
    const app = TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config, 'shell', name]);
    await shellSession(term, { app, shown: `kubectl exec -it -n ${name} pod/${pod} --`, hostname, exitCode: 5 });
  });
});
