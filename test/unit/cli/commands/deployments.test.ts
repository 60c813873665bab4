import { describe, expect, it } from 'vitest';
import { freshConfigDir, runCli } from '../../../support/run-cli.js';

describe('deployment commands (the built CLI, without touching any host)', () => {
  it('help lists plan, install, uninstall, restart, status and logs with their flags', () => {
    const help = runCli(freshConfigDir(), ['--help']);
    for (const command of ['plan', 'install', 'uninstall', 'restart', 'status', 'logs']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const install = runCli(freshConfigDir(), ['install', '--help']);
    expect(install.stdout).toContain('--keep-on-failure');
    expect(install.stdout).toContain('--set <key=value>');
    expect(install.stdout).not.toContain('--force-unlock');
  });

  it('install --yes with answers missing fails at once with the list (exit 2), before contacting the host', () => {
    const run = runCli(freshConfigDir(), ['install', 'vikunja', '--host', 'nas', '--provider', 'compose', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: 1 answer is missing for vikunja on compose and has no default:\n {2}public_url +Public URL/);
    expect(run.stderr).not.toContain('no host named');
  });

  it('bad usage exits 2: no --host, an unknown host, an app with several providers and none chosen', () => {
    expect(runCli(freshConfigDir(), ['plan', 'labapp']).code).toBe(2);
    const unknown = runCli(freshConfigDir(), ['plan', 'labapp', '--host', 'nas', '--provider', 'compose']);
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, 'error: no host named "nas"']);
    const several = runCli(freshConfigDir(), ['plan', 'kavita', '--host', 'local']);
    expect([several.code, several.stderr.trim()]).toEqual([2, 'error: Kavita can be installed with compose, proxmox-lxc, k3s: choose one with --provider']);
  });

  it('status reads the records of the host it is given (this machine for local); logs of an unknown deployment exits 2', () => {
    const dir = freshConfigDir();
    const status = runCli(dir, ['status', '--host', 'local', '--json']);
    const data = JSON.parse(status.stdout) as { hosts: { host: string; reachable: boolean }[]; deployments: unknown[] };
    expect(data.hosts).toEqual([expect.objectContaining({ host: 'local', reachable: true })]);
    expect(status.code).toBe(data.deployments.length === 0 ? 0 : 1);
    const logs = runCli(dir, ['logs', 'nothing-here', '--host', 'local']);
    expect([logs.code, logs.stderr.split('\n')[0]]).toEqual([2, 'error: no deployment named "nothing-here" on local']);
    expect(runCli(dir, ['status', '--host', 'nas']).code).toBe(2);
  });
});
