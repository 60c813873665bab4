// Over real SSH: `elevated` commands use sudo -n for a non-root login and fail with the sudoers line
// when sudo wants a password; remote files are written atomically with their mode through stdin.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../../src/platform/errors.js';
import { readRemoteFile, writeRemoteFile } from '../../../src/platform/remote-file.js';
import type { CommandRunner } from '../../../src/platform/runner/command-runner.js';
import type { SshPool } from '../../../src/platform/ssh/ssh-pool.js';
import { labHost } from '../../support/lab.js';
import { createPlainLogin } from '../../support/plain-login.js';
import { byAddress, lab, labPool, viaAlias } from './ssh-lab.js';

// A login user that is not root (see test/support/plain-login.ts).
const USER = 'hl-nonroot';
const SUDOERS = `/etc/sudoers.d/${USER}`;
let undoLogin: () => void = () => undefined;
let pool: SshPool;
let asUser: CommandRunner;
let asRoot: CommandRunner;

beforeAll(async () => {
  execFileSync('sudo', ['-V'], { stdio: 'ignore' });
  undoLogin = createPlainLogin(lab, USER);
  rmSync(SUDOERS, { force: true });
  pool = await labPool({ userKnownHostsFiles: [lab.ssh.knownHosts] });
  asUser = pool.runnerFor(byAddress('bare', { name: 'bare-user', user: USER, identityFile: lab.ssh.privateKey }));
  asRoot = pool.runnerFor(viaAlias('bare'));
});

afterAll(async () => {
  rmSync(SUDOERS, { force: true });
  await pool.close();
  undoLogin();
});

describe('elevation through sudo -n', () => {
  it('runs unelevated commands as the login user', async () => {
    expect((await asUser.run({ argv: ['id', '-un'] })).stdout.trim()).toBe(USER);
  });

  it('refuses with the sudoers line to add when sudo would ask for a password', async () => {
    const error = await asUser.run({ argv: ['id', '-u'], elevated: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).stderrTail).toContain('sudo');
    expect((error as CommandError).hint).toContain(`${USER} ALL=(ALL) NOPASSWD: ALL`);
    const streamed = await (async () => {
      for await (const line of asUser.stream({ argv: ['id', '-u'], elevated: true })) void line;
    })().catch((e: unknown) => e);
    expect((streamed as CommandError).hint).toContain('/etc/sudoers.d/homelab-tui');
  });

  it('runs as root once passwordless sudo is configured, keeping the command environment', async () => {
    writeFileSync(SUDOERS, `${USER} ALL=(ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
    const result = await asUser.run({ argv: ['sh', '-c', 'echo "$(id -u) $GREETING"'], env: { GREETING: "it's me" }, elevated: true });
    expect(result).toMatchObject({ exitCode: 0, stdout: "0 it's me\n" });
  });

  it('does not use sudo for a root login (a host without sudo still works)', async () => {
    const result = await asRoot.run({ argv: ['sh', '-c', 'id -u; cat /proc/$PPID/cmdline | tr "\\0" " "'], elevated: true });
    expect(result.stdout.split('\n')[0]).toBe('0');
    expect(result.stdout).not.toContain('sudo');
  });
});

describe('remote files over SSH', () => {
  const dir = `/tmp/hl-ssh-e2e-files-${process.pid}`;
  afterAll(async () => {
    await asRoot.run({ argv: ['rm', '-rf', dir] });
  });

  it('writes a secret file atomically with mode 0600 through stdin, never on a command line', async () => {
    await asRoot.run({ argv: ['mkdir', '-p', dir] });
    const secret = `PASSWORD='p@ss $(touch ${dir}/pwned) \`x\`'\nTOKEN="a b"\n`;
    await writeRemoteFile(asRoot, `${dir}/.env`, secret, 0o600);
    const listing = await asRoot.run({ argv: ['sh', '-c', 'stat -c "%a %U %s" "$1"; ls -A "$2"', 'sh', `${dir}/.env`, dir] });
    expect(listing.stdout).toBe(`600 root ${Buffer.byteLength(secret)}\n.env\n`);
    expect(await readRemoteFile(asRoot, `${dir}/.env`)).toBe(secret);
  });

  it('replaces a file in one step and keeps the new mode; a missing file reads as undefined', async () => {
    await writeRemoteFile(asRoot, `${dir}/compose.yaml`, 'version: 1\n');
    await writeRemoteFile(asRoot, `${dir}/compose.yaml`, 'version: 2\n', 0o640);
    const stat = await asRoot.run({ argv: ['stat', '-c', '%a', `${dir}/compose.yaml`] });
    expect(stat.stdout.trim()).toBe('640');
    expect(await readRemoteFile(asRoot, `${dir}/compose.yaml`)).toBe('version: 2\n');
    expect(await readRemoteFile(asRoot, `${dir}/absent.yaml`)).toBeUndefined();
    expect(labHost('bare').alias).toBe(asRoot.host);
  });
});
