// `shell NAME` for a Proxmox LXC deployment in a real terminal (tmux): a shell opens in the guest
// (`pct exec VMID -- sh…` over the host's SSH with a pty), `hostname` there is the guest's, and the
// shell's exit code comes back as homelab-tui's; the dashboard's E opens the same shell and comes back. The pct call is checked against the PVE schema.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { labHost, loadLab } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';
import { dashboardShellSession, shellSession } from '../../support/shell-session.js';
import { selectRow } from '../dashboard/dashboard-lab.js';
import { TmuxSession } from '../../support/tmux.js';

const lab = loadLab();
const NAME = 'e2e-shell';
const address = guestAddress(lab, 90);
const configDir = mkdtempSync(join(tmpdir(), 'hl-lxc-shell-'));
const cli = (...args: string[]) => labCli(configDir, args);
const since = nodeCallLog(lab).size;
let term: TmuxSession | undefined;

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
  writeFileSync(join(configDir, 'settings.yaml'), 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n');
  expect((await cli('hosts', 'add', 'pve', '--address', labHost('pve').alias)).code).toBe(0);
  const sets = ['--set', `lxc_storage=${lab.pve.storage.id}`, '--set', `lxc_ip=${address}/24`, '--set', `lxc_gateway=${lab.pve.gateway}`];
  const run = await cli('install', 'labapp', '--host', 'pve', '--provider', 'proxmox-lxc', '--name', NAME, ...sets, '--yes');
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  await term?.stop();
  await removeTestDeployments(lab, NAME);
  rmSync(configDir, { recursive: true, force: true });
  expect(contractViolations(pveCalls(nodeCallsSince(lab, since)))).toEqual([]);
});

describe('a shell in an LXC guest', () => {
  it('refuses a service the guest does not have, exit 2', async () => {
    const run = await cli('shell', NAME, 'nosuch');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"${NAME}" has one service`);
  });

  it("opens a shell in the guest: its hostname, and the shell's exit code comes back", async () => {
    const [vmid] = await containersOf(lab, NAME);
    expect(vmid).toBeDefined();
    term = await TmuxSession.start({ columns: 100, rows: 30, env: { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' } });
    const app = TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config, 'shell', NAME]);
    // Keys typed before the guest's shell is up are dropped by lxc-attach as it sets up the terminal:
    // the lab guest's busybox sh prompts "~ #".
    await shellSession(term, { app, shown: `pct exec ${vmid} --`, prompt: /^~ #/m, hostname: NAME, exitCode: 4 });
  });

  it('from the dashboard, E opens the same shell and the dashboard comes back as it was', async () => {
    await term?.stop();
    term = await TmuxSession.start({ columns: 120, rows: 30, env: { HOME: configDir, SSH_AUTH_SOCK: '', NO_COLOR: '1' } });
    await term.type(TmuxSession.appCommand(['--config-dir', configDir, '--ssh-config', lab.ssh.config]));
    await term.press('Enter');
    await term.waitFor(new RegExp(`${NAME} .*✓ healthy`), 60_000);
    await selectRow(term, NAME);
    await dashboardShellSession(term, { name: NAME, host: 'pve', prompt: /^~ #/m, hostname: NAME, exitCode: 5 });
    await term.press('q');
    await term.waitFor(/^(?![\s\S]*homelab-tui · dashboard)/, 10_000);
  });
});
