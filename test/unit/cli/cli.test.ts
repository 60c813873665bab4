import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempConfigDir } from '../../support/run-cli.js';

describe('homelab-tui CLI', () => {
  it('prints the package version', async () => {
    const { version } = (await import('../../../package.json', { with: { type: 'json' } })).default;
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${version}\n` });
  });

  it('generates help from the declarations, commands included', async () => {
    const result = await runCli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: homelab-tui');
    expect(result.stdout).toMatch(/--config-dir <dir>/);
    expect(result.stdout).toMatch(/hosts\s+manage the hosts/);
  });

  it('exits 2 with a suggestion on an unknown command or option', async () => {
    const command = await runCli(['hots']);
    expect(command.exitCode).toBe(2);
    expect(command.stderr).toContain("unknown command 'hots'");
    expect(command.stderr).toContain('Did you mean hosts?');
    const option = await runCli(['hosts', 'list', '--jsn']);
    expect(option.exitCode).toBe(2);
    expect(option.stderr).toContain("unknown option '--jsn'");
  });

  it('without a terminal does not start the app and says what to do, exit 2', async () => {
    const result = await runCli([]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
    expect(result.stdout).toBe('');
  });

  it('adds, lists (text and JSON) and removes hosts in --config-dir', async () => {
    const dir = await tempConfigDir();
    const add = await runCli(['--config-dir', dir, 'hosts', 'add', 'nas', '--address', '10.0.0.2', '--port', '2222', '--tag', 'media']);
    expect(add.exitCode).toBe(0);
    const text = await runCli(['--config-dir', dir, 'hosts', 'list']);
    expect(text.stdout).toMatch(/^NAME\s+ADDRESS\s+PORT/);
    expect(text.stdout).toMatch(/nas\s+10\.0\.0\.2\s+2222/);
    const json = JSON.parse((await runCli(['--config-dir', dir, 'hosts', 'list', '--json'])).stdout) as { name: string }[];
    expect(json.map((h) => h.name)).toEqual(['local', 'nas']);
    expect((await runCli(['--config-dir', dir, 'hosts', 'remove', 'nas'])).exitCode).toBe(0);
    expect((await runCli(['--config-dir', dir, 'hosts', 'remove', 'nas'])).exitCode).toBe(2);
  });

  it('refuses a bad port with the flag, the value and what is valid', async () => {
    const dir = await tempConfigDir();
    const result = await runCli(['--config-dir', dir, 'hosts', 'add', 'nas', '--address', 'x', '--port', '99999']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--port: "99999" is not a port');
    expect(result.stderr).toContain('1 to 65535');
  });

  it('reports malformed YAML in hosts.yaml with file, line and column, exit 2, no stack', async () => {
    const dir = await tempConfigDir();
    await writeFile(join(dir, 'hosts.yaml'), 'hosts:\n  - name: nas\n   address: b\n');
    const result = await runCli(['--config-dir', dir, 'hosts', 'list']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'hosts.yaml')}:3:1: invalid YAML`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a wrong type in hosts.yaml with file, line, column, field and what is allowed', async () => {
    const dir = await tempConfigDir();
    await writeFile(join(dir, 'hosts.yaml'), 'hosts:\n  - name: nas\n    address: 10.0.0.2\n    port: twenty-two\n');
    const result = await runCli(['--config-dir', dir, 'hosts', 'list']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'hosts.yaml')}:4:11: hosts[0].port: Invalid input: expected number, received string`);
    expect(result.stderr).toContain('hint: expected number');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
