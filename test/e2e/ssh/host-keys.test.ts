// Host keys against real sshd: a changed key is refused before login with both fingerprints named;
// an unknown key fails the CLI unless --accept-new-host-key, which records it for next time.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshConnectError } from '../../../src/platform/ssh/ssh-errors.js';
import { labHost } from '../../support/lab.js';
import { acceptedLogins, byAddress, lab, labPool, tempDir } from './ssh-lab.js';

const bare = labHost('bare');
const jump = labHost('jump');
// The CLI from source (through tsx), so the test never runs a stale bundle.
const CLI = resolve('src/cli/main.ts');

/** `ssh-keygen -lf` of a public key line: the independent fingerprint to compare with. */
function fingerprint(publicKeyLine: string): string {
  const dir = tempDir('fp');
  writeFileSync(join(dir, 'k.pub'), `${publicKeyLine}\n`);
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'k.pub')]).toString().split(' ')[1] ?? '';
}

function cli(configDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // HOME points at an empty directory so ~/.ssh of this machine plays no part.
    const env = { ...process.env, HOME: configDir, SSH_AUTH_SOCK: '' };
    execFile('node', ['--import', 'tsx', CLI, '--config-dir', configDir, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const pools: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('host key verification on the lab', () => {
  it('refuses a changed key with a warning naming the host and both fingerprints, and never logs in', async () => {
    const dir = tempDir('changed');
    const knownHosts = join(dir, 'known_hosts');
    // Record jump's key under bare's address: to the client, bare's key has "changed".
    writeFileSync(knownHosts, `${bare.address} ${jump.hostKey}\n`);
    const pool = await labPool({ userKnownHostsFiles: [knownHosts] });
    pools.push(pool);
    const logins = acceptedLogins('bare');
    const runner = pool.runnerFor(byAddress('bare', { identityFile: lab.ssh.privateKey }));
    const error = await runner.run({ argv: ['touch', '/tmp/hl-should-never-run'] }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SshConnectError);
    const failure = error as SshConnectError;
    expect(failure.reason).toBe('host-key-changed');
    expect(failure.message).toContain('WARNING');
    expect(failure.message).toContain('bare');
    expect(failure.message).toContain(fingerprint(bare.hostKey));
    expect(failure.message).toContain(fingerprint(jump.hostKey));
    expect(failure.message).toContain(`${knownHosts}:1`);
    expect(failure.fingerprints).toEqual({ offered: fingerprint(bare.hostKey), known: [fingerprint(jump.hostKey)] });
    expect(pool.getSnapshot().bare?.status).toBe('host-key-rejected');
    expect(acceptedLogins('bare')).toBe(logins);
  });

  it('connects when the key matches a hashed entry written by ssh-keygen -H', async () => {
    const dir = tempDir('hashed');
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `${bare.address} ${bare.hostKey}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
    expect(readFileSync(knownHosts, 'utf8')).not.toContain(bare.address);
    const pool = await labPool({ userKnownHostsFiles: [knownHosts] });
    pools.push(pool);
    const result = await pool.runnerFor(byAddress('bare', { identityFile: lab.ssh.privateKey })).run({ argv: ['hostname'] });
    expect(result.stdout.trim()).toBe(bare.alias);
  });

  it('CLI: an unknown host fails without the flag, is accepted and remembered with it', async () => {
    const configDir = tempDir('cli');
    const add = await cli(configDir, ['hosts', 'add', 'newbox', '--address', bare.address, '--user', 'root', '--identity-file', lab.ssh.privateKey]);
    expect(add.code).toBe(0);

    const refused = await cli(configDir, ['hosts', 'check', 'newbox']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('unknown host key');
    expect(refused.stdout).toContain(fingerprint(bare.hostKey));
    expect(refused.stdout).toContain('--accept-new-host-key');
    expect(existsSync(join(configDir, 'known_hosts'))).toBe(false);

    const accepted = await cli(configDir, ['hosts', 'check', 'newbox', '--accept-new-host-key']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('host key of newbox accepted and remembered');
    const remembered = readFileSync(join(configDir, 'known_hosts'), 'utf8');
    expect(remembered).toBe(`${bare.address} ${bare.hostKey}\n`);

    const again = await cli(configDir, ['hosts', 'check', 'newbox', '--json']);
    expect(again.code).toBe(0);
    const [result] = JSON.parse(again.stdout) as Array<{ host: string; ok: boolean; hostKey: string }>;
    expect(result).toMatchObject({ host: 'newbox', ok: true, hostKey: 'known' });
  });
});
