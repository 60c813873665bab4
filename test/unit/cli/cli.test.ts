import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshConfigDir, runCli } from '../../support/run-cli.js';

describe('homelab-tui CLI', () => {
  it('prints the package version, on the fast path and through the parser', async () => {
    const { version } = (await import('../../../package.json', { with: { type: 'json' } })).default;
    const bin = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
    const bare = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect({ code: bare.status, stdout: bare.stdout }).toEqual({ code: 0, stdout: `${version}\n` });
    expect(runCli(freshConfigDir(), ['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('generates help from the declarations, commands included', async () => {
    const result = runCli(freshConfigDir(), ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: homelab-tui');
    expect(result.stdout).toMatch(/--config-dir <dir>/);
    expect(result.stdout).toMatch(/hosts\s+manage the hosts/);
  });

  it('exits 2 with a suggestion on an unknown command or option', async () => {
    const command = runCli(freshConfigDir(), ['hots']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'hots'");
    expect(command.stderr).toContain('Did you mean hosts?');
    const option = runCli(freshConfigDir(), ['hosts', 'list', '--jsn']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--jsn'");
  });

  it('without a terminal does not start the app and says what to do, exit 2', async () => {
    const result = runCli(freshConfigDir(), []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
    expect(result.stdout).toBe('');
  });

  it('adds, lists (text and JSON) and removes hosts in --config-dir', async () => {
    const dir = freshConfigDir();
    const add = runCli(dir, ['hosts', 'add', 'nas', '--address', '10.0.0.2', '--port', '2222', '--tag', 'media']);
    expect(add.code).toBe(0);
    const text = runCli(dir, ['hosts', 'list']);
    expect(text.stdout).toMatch(/^NAME\s+ADDRESS\s+PORT/);
    expect(text.stdout).toMatch(/nas\s+10\.0\.0\.2\s+2222/);
    const json = JSON.parse((runCli(dir, ['hosts', 'list', '--json'])).stdout) as { name: string }[];
    expect(json.map((h) => h.name)).toEqual(['local', 'nas']);
    expect((runCli(dir, ['hosts', 'remove', 'nas'])).code).toBe(0);
    expect((runCli(dir, ['hosts', 'remove', 'nas'])).code).toBe(2);
  });

  it('refuses a bad port with the flag, the value and what is valid', async () => {
    const dir = freshConfigDir();
    const result = runCli(dir, ['hosts', 'add', 'nas', '--address', 'x', '--port', '99999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port: "99999" is not a port');
    expect(result.stderr).toContain('1 to 65535');
  });

  it('reports malformed YAML in hosts.yaml with file, line and column, exit 2, no stack', async () => {
    const dir = freshConfigDir();
    await writeFile(join(dir, 'hosts.yaml'), 'hosts:\n  - name: nas\n   address: b\n');
    const result = runCli(dir, ['hosts', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'hosts.yaml')}:3:1: invalid YAML`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a wrong type in hosts.yaml with file, line, column, field and what is allowed', async () => {
    const dir = freshConfigDir();
    await writeFile(join(dir, 'hosts.yaml'), 'hosts:\n  - name: nas\n    address: 10.0.0.2\n    port: twenty-two\n');
    const result = runCli(dir, ['hosts', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'hosts.yaml')}:4:5: hosts[0].port: Invalid input: expected number, received string`);
    expect(result.stderr).toContain('hint: expected number');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
