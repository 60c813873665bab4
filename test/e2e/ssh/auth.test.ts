// Authentication against real sshd: an ssh-agent we start ourselves, identity files, an encrypted key
// (asked for in the app, refused with a hint in the CLI), and ProxyJump through the jump host.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInteraction } from '../../../src/platform/ssh/interaction.js';
import { SshConnectError } from '../../../src/platform/ssh/ssh-errors.js';
import { eventually, labHost } from '../../support/lab.js';
import { byAddress, lab, labPool, tempDir, viaAlias } from './ssh-lab.js';

const bare = labHost('bare');
const pools: Array<{ close(): Promise<void> }> = [];
let agent: ChildProcess | undefined;
let agentSocket = '';
let knownHosts = '';

beforeAll(async () => {
  const dir = tempDir('agent');
  agentSocket = join(dir, 'agent.sock');
  // -D keeps the agent in the foreground as our child, so we stop exactly this process by its PID.
  agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
  await eventually('ssh-agent socket', async () => existsSync(agentSocket), 5_000, 50);
  execFileSync('ssh-add', [lab.ssh.privateKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, stdio: 'ignore' });
  knownHosts = lab.ssh.knownHosts;
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  if (agent?.pid) process.kill(agent.pid, 'SIGTERM');
});

/** bare by address (not the ssh config alias), so only the credentials the test gives are used. */
function bareHost(identityFile?: string) {
  return byAddress('bare', identityFile ? { identityFile } : {});
}

describe('authentication on the lab', () => {
  it('logs in with keys from ssh-agent when no identity file is configured', async () => {
    const pool = await labPool({ agentSocket, userKnownHostsFiles: [knownHosts] });
    pools.push(pool);
    const result = await pool.runnerFor(bareHost()).run({ argv: ['hostname'] });
    expect(result.stdout.trim()).toBe(bare.alias);
  });

  it('fails without the agent and without keys, saying what was offered', async () => {
    const pool = await labPool({ userKnownHostsFiles: [knownHosts] });
    pools.push(pool);
    const error = await pool.runnerFor(bareHost()).run({ argv: ['true'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshConnectError);
    expect(error).toMatchObject({ reason: 'auth-failed' });
    expect((error as Error).message).toContain('no key was available to offer');
    expect(pool.getSnapshot().bare?.status).toBe('auth-failed');
  });

  it('logs in with an identity file', async () => {
    const pool = await labPool({ userKnownHostsFiles: [knownHosts] });
    pools.push(pool);
    const result = await pool.runnerFor(bareHost(lab.ssh.privateKey)).run({ argv: ['id', '-un'] });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'root\n' });
  });

  describe('an encrypted identity file', () => {
    let encrypted = '';
    beforeAll(() => {
      // The lab key under a passphrase: same public key, so sshd accepts it once decrypted.
      encrypted = join(tempDir('enc'), 'id_locked');
      copyFileSync(lab.ssh.privateKey, encrypted);
      execFileSync('ssh-keygen', ['-q', '-p', '-N', 'lab passphrase', '-f', encrypted]);
    });

    it('fails in non-interactive mode with a hint instead of waiting for a passphrase', async () => {
      const pool = await labPool({ userKnownHostsFiles: [knownHosts], interaction: cliInteraction({ acceptNewHostKey: false }) });
      pools.push(pool);
      const error = (await pool.runnerFor(bareHost(encrypted)).run({ argv: ['true'] }).catch((e: unknown) => e)) as SshConnectError;
      expect(error).toBeInstanceOf(SshConnectError);
      expect(error.reason).toBe('auth-failed');
      expect(error.message).toContain('is encrypted');
      expect(error.hint).toContain(`ssh-add ${encrypted}`);
    });

    it('is unlocked with the passphrase the app asks for, once for every host using it', async () => {
      const askPassphrase = vi.fn(async () => 'lab passphrase');
      const pool = await labPool({ userKnownHostsFiles: [knownHosts], interaction: { confirmNewHostKey: async () => false, askPassphrase } });
      pools.push(pool);
      const first = await pool.runnerFor(bareHost(encrypted)).run({ argv: ['hostname'] });
      const second = await pool.runnerFor(byAddress('jump', { identityFile: encrypted })).run({ argv: ['hostname'] });
      expect([first.stdout.trim(), second.stdout.trim()]).toEqual([bare.alias, labHost('jump').alias]);
      expect(askPassphrase).toHaveBeenCalledTimes(1);
      expect(askPassphrase).toHaveBeenCalledWith({ host: 'bare', identityFile: encrypted, attempt: 1 });
    });
  });

  it('reaches the host behind the jump host through ProxyJump in the ssh config, sharing the jump connection', async () => {
    const pool = await labPool();
    pools.push(pool);
    const behind = pool.runnerFor(viaAlias('behind'));
    const jump = pool.runnerFor(viaAlias('jump'));
    const [viaJump, direct] = await Promise.all([behind.run({ argv: ['hostname'] }), jump.run({ argv: ['hostname'] })]);
    expect(viaJump.stdout.trim()).toBe(labHost('behind').alias);
    expect(direct.stdout.trim()).toBe(labHost('jump').alias);
    const snapshot = pool.getSnapshot();
    expect(snapshot[labHost('behind').alias]?.status).toBe('connected');
    expect(snapshot[labHost('jump').alias]?.status).toBe('connected');
    // behind's address is on a link only the jump host has: a direct connection cannot work.
    const direct2 = await pool.runnerFor(byAddress('behind', { identityFile: lab.ssh.privateKey })).run({ argv: ['true'] }).catch((e: unknown) => e);
    expect(direct2).toMatchObject({ reason: 'unreachable' });
  });

  it('reaches the host behind with an inventory jump naming another inventory host', async () => {
    const jumpHost = byAddress('jump', { name: 'gw', identityFile: lab.ssh.privateKey });
    const pool = await labPool({ userKnownHostsFiles: [knownHosts], hosts: [jumpHost] });
    pools.push(pool);
    const runner = pool.runnerFor(byAddress('behind', { identityFile: lab.ssh.privateKey, jump: 'gw' }));
    expect((await runner.run({ argv: ['hostname'] })).stdout.trim()).toBe(labHost('behind').alias);
    expect(pool.getSnapshot().gw?.status).toBe('connected');
  });
});
