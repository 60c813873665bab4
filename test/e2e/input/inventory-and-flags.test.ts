// Inventory fields and --since reach ssh, the shell and docker: the built CLI refuses anything that is
// not a plain word (exit 2 naming the field or flag) before it writes a file or asks a host.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshConfigDir, runCli } from '../../support/run-cli.js';

const HOSTILE_ADDRESSES = ['-oProxyCommand=touch /tmp/hl-pwned', 'nas\nHost *', 'nas lan', '$(touch /tmp/hl-pwned)', 'nas;id', '`id`'];

describe('hosts add refuses fields that are not plain words', () => {
  it.each(HOSTILE_ADDRESSES)('--address %j', (address) => {
    const dir = freshConfigDir();
    const run = runCli(dir, ['hosts', 'add', 'nas', '--address', address]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error: invalid host address: not an IP address, DNS name or ssh config alias\nhint: .*not starting with "-"/);
    expect(existsSync(join(dir, 'hosts.yaml'))).toBe(false);
  });

  it.each([
    [['--user', 'root$(id)'], 'user'],
    [['--user', '-l root'], 'user'],
    [['--user', 'a b'], 'user'],
    [['--tag', 'two words'], 'tag'],
    [['--tag', 'x\ny'], 'tag'],
    [['--jump', '-J evil'], 'jump'],
  ])('%j', (flags, field) => {
    const dir = freshConfigDir();
    const run = runCli(dir, ['hosts', 'add', 'nas', '--address', 'nas.lan', ...flags]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error: invalid host ${field}`));
    expect(existsSync(join(dir, 'hosts.yaml'))).toBe(false);
  });

  it('takes the usual forms', () => {
    const dir = freshConfigDir();
    for (const [name, address, ...rest] of [['a', '10.0.0.2', '--user', 'deploy_1', '--tag', 'lab', 'db-1'], ['b', 'fd00::5'], ['c', 'nas.lan', '--jump', 'ops@bastion.lan:2222'], ['d', 'my_alias']] as string[][]) {
      const run = runCli(dir, ['hosts', 'add', name as string, '--address', address as string, ...rest]);
      expect(run.code, run.stderr).toBe(0);
    }
    expect(runCli(dir, ['hosts', 'list']).stdout).toMatch(/fd00::5/);
  });
});

describe('hosts.yaml with a hostile field', () => {
  it('is refused when loaded, naming the field and its line, not the value', () => {
    const dir = freshConfigDir();
    writeFileSync(join(dir, 'hosts.yaml'), 'hosts:\n  - name: nas\n    address: "-oProxyCommand=touch /tmp/hl-pwned"\n');
    const run = runCli(dir, ['hosts', 'list']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'hosts.yaml')}:3:5: hosts[0].address: not an IP address, DNS name or ssh config alias`);
    expect(run.stderr).not.toContain('ProxyCommand');
  });
});

describe('logs --since', () => {
  it.each(['yesterday', '10', '1w', '$(id)', '--all'])('refuses %j before asking any host (exit 2 naming the flag)', (since) => {
    const run = runCli(freshConfigDir(), ['logs', 'app', `--since=${since}`]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error: --since: .* is not a time\nhint: write a duration such as 10m, 2h or 1d, or a time such as 2026-12-05/);
  });

  it('shows the refused value shell-quoted', () => {
    expect(runCli(freshConfigDir(), ['logs', 'app', '--since', '$(id)']).stderr).toContain("error: --since: '$(id)' is not a time");
  });

  it('lets a valid value through to finding the deployment', () => {
    const run = runCli(freshConfigDir(), ['logs', 'app', '--since', '1d']);
    expect(run.stderr).not.toContain('--since');
  });
});

describe('hints show commands shell-quoted', () => {
  it('an unknown --host: the "add one with" command quotes the name as typed', () => {
    const run = runCli(freshConfigDir(), ['logs', 'app', '--host', 'nas;touch /tmp/hl-pwned']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("add one with: homelab-tui hosts add 'nas;touch /tmp/hl-pwned' --address ADDRESS");
  });
});
