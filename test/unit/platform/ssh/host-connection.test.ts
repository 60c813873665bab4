import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeSSH } from 'node-ssh';
import type { ParsedKey } from 'ssh2';
import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../../../src/platform/clock.js';
import { nullLogger } from '../../../../src/platform/logger.js';
import type { ConnectAttempt, ConnectResult } from '../../../../src/platform/ssh/connect.js';
import { ConnectionStates, type ConnectionStatus } from '../../../../src/platform/ssh/connection-state.js';
import { HostConnection, type HostConnectionDeps } from '../../../../src/platform/ssh/host-connection.js';
import type { SshInteraction } from '../../../../src/platform/ssh/interaction.js';
import { KnownHostsStore } from '../../../../src/platform/ssh/known-hosts-store.js';
import { fingerprintOf, parseKnownHosts } from '../../../../src/platform/ssh/known-hosts.js';
import { SshConnectError } from '../../../../src/platform/ssh/ssh-errors.js';
import type { SshTarget } from '../../../../src/platform/ssh/ssh-target.js';

const target: SshTarget = { name: 'web', hostName: '10.0.0.7', port: 22, user: 'root', identityFiles: [], identitiesOnly: false };
const key = (n: number): Buffer => Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 1, n])]);

/** A stand-in for a connected NodeSSH: its `connection` is an emitter the test can close. */
function fakeSsh(): { ssh: NodeSSH; drop(reason: string): void } {
  const connection = Object.assign(new EventEmitter(), { setMaxListeners: () => connection });
  let connected = true;
  const ssh = { connection, isConnected: () => connected, dispose: () => void (connected = false) };
  return {
    ssh: ssh as unknown as NodeSSH,
    drop(reason) {
      connected = false;
      connection.emit('error', new Error(reason));
      connection.emit('close');
    },
  };
}

/** A clock whose sleep records the delay and returns at once. */
function fakeClock(): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => void (now += ms),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function setup(
  results: Array<ConnectResult | (() => ConnectResult)>,
  interaction: Partial<SshInteraction> = {},
  overrides: Partial<HostConnectionDeps> = {},
  identityFiles: (dir: string) => string[] = () => [],
) {
  const dir = mkdtempSync(join(tmpdir(), 'hl-conn-'));
  const attempts: ConnectAttempt[] = [];
  const statuses: ConnectionStatus[] = [];
  const states = new ConnectionStates();
  states.subscribe((s) => statuses.push(s.status));
  const clock = fakeClock();
  const knownHosts = new KnownHostsStore([join(dir, 'user_known_hosts')], join(dir, 'app_known_hosts'));
  const deps: HostConnectionDeps = {
    knownHosts,
    interaction: { confirmNewHostKey: async () => false, askPassphrase: async () => undefined, ...interaction },
    home: dir,
    timing: { connectTimeoutMs: 1000, keepaliveIntervalMs: 1000, keepaliveCountMax: 3 },
    backoff: { baseMs: 500, capMs: 4000 },
    maxChannels: 4,
    clock,
    logger: nullLogger,
    states,
    unlock: async () => {
      throw new Error('unlock not expected');
    },
    openTunnel: async () => {
      throw new Error('no tunnel expected');
    },
    connect: async (attempt) => {
      attempts.push(attempt);
      const next = results.shift();
      if (!next) throw new Error('no more connect results scripted');
      return typeof next === 'function' ? next() : next;
    },
    ...overrides,
  };
  return { connection: new HostConnection({ ...target, identityFiles: identityFiles(dir) }, deps), attempts, statuses, states, clock, dir };
}

describe('HostConnection', () => {
  it('shares one handshake among concurrent callers and reports connecting then connected', async () => {
    const { ssh } = fakeSsh();
    const { connection, attempts, statuses, states } = setup([{ ok: true, ssh }]);
    const [a, b, c] = await Promise.all([connection.client(), connection.client(), connection.client()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(attempts).toHaveLength(1);
    expect(statuses).toEqual(['idle', 'connecting', 'connected']);
    expect(states.getSnapshot().web?.status).toBe('connected');
  });

  it('marks a dropped connection stale with the reason, and the next use reconnects at once', async () => {
    const first = fakeSsh();
    const second = fakeSsh();
    const { connection, attempts, statuses, states, clock } = setup([{ ok: true, ssh: first.ssh }, { ok: true, ssh: second.ssh }]);
    await connection.client();
    first.drop('Keepalive timeout');
    expect(states.getSnapshot().web).toMatchObject({ status: 'stale', message: 'connection lost: Keepalive timeout' });
    expect(connection.lastDropReason).toBe('Keepalive timeout');
    expect(await connection.client()).toBe(second.ssh.connection);
    expect(attempts).toHaveLength(2);
    expect(clock.sleeps).toEqual([]);
    expect(statuses.slice(-3)).toEqual(['stale', 'connecting', 'connected']);
  });

  it('backs off between attempts to an unreachable host: base, then doubled, capped', async () => {
    const unreachable: ConnectResult = { ok: false, failure: { kind: 'unreachable', message: 'no route to 10.0.0.7:22' } };
    const { connection, clock, states } = setup([unreachable, unreachable, unreachable, unreachable, unreachable]);
    for (let i = 0; i < 5; i++) await expect(connection.client()).rejects.toBeInstanceOf(SshConnectError);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000]);
    expect(states.getSnapshot().web).toMatchObject({ status: 'unreachable', failures: 5 });
  });

  it('asks about an unknown host key, remembers an accepted one and connects again', async () => {
    const { ssh } = fakeSsh();
    const confirm = vi.fn(async () => true);
    const { connection, attempts, dir } = setup(
      [{ ok: false, failure: { kind: 'host-key', verdict: { status: 'unknown' }, key: key(1), name: '10.0.0.7' } }, { ok: true, ssh }],
      { confirmNewHostKey: confirm },
    );
    await connection.client();
    expect(confirm).toHaveBeenCalledWith({ host: 'web', knownHostsName: '10.0.0.7', keyType: 'ssh-ed25519', fingerprint: fingerprintOf(key(1)) });
    const saved = parseKnownHosts(readFileSync(join(dir, 'app_known_hosts'), 'utf8'), 'app');
    expect(saved.map((e) => [e.hosts, e.key.equals(key(1))])).toEqual([['10.0.0.7', true]]);
    // The second attempt was checked against the file that now holds the key.
    expect(attempts[1]?.knownHosts.some((e) => e.key.equals(key(1)))).toBe(true);
  });

  it('refuses an unknown host key that is not accepted, with the fingerprint and the flag in the hint', async () => {
    const { connection, states } = setup([{ ok: false, failure: { kind: 'host-key', verdict: { status: 'unknown' }, key: key(1), name: '10.0.0.7' } }]);
    const error = await connection.client().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshConnectError);
    expect(error).toMatchObject({ reason: 'host-key-unknown' });
    expect((error as Error).message).toContain(fingerprintOf(key(1)));
    expect((error as SshConnectError).hint).toContain('--accept-new-host-key');
    expect(states.getSnapshot().web?.status).toBe('host-key-rejected');
  });

  it('refuses a changed key without asking, naming the host and both fingerprints', async () => {
    const confirm = vi.fn(async () => true);
    const known = parseKnownHosts(`10.0.0.7 ssh-ed25519 ${key(1).toString('base64')}`, '/home/me/.ssh/known_hosts');
    const { connection } = setup([{ ok: false, failure: { kind: 'host-key', verdict: { status: 'changed', known }, key: key(2), name: '10.0.0.7' } }], {
      confirmNewHostKey: confirm,
    });
    const error = (await connection.client().catch((e: unknown) => e)) as SshConnectError;
    expect(confirm).not.toHaveBeenCalled();
    expect(error.reason).toBe('host-key-changed');
    expect(error.message).toMatch(/web/);
    expect(error.message).toContain(fingerprintOf(key(1)));
    expect(error.message).toContain(fingerprintOf(key(2)));
    expect(error.message).toContain('/home/me/.ssh/known_hosts:1');
    expect(error.fingerprints).toEqual({ offered: fingerprintOf(key(2)), known: [fingerprintOf(key(1))] });
  });

  it('after an auth failure unlocks an encrypted identity and tries again with it', async () => {
    const { ssh } = fakeSsh();
    const unlocked = { file: 'enc', key: { type: 'ssh-ed25519' } as unknown as ParsedKey };
    const unlock = vi.fn(async () => unlocked);
    let keyFile = '';
    const { connection, attempts } = setup([{ ok: false, failure: { kind: 'auth', message: 'denied' } }, { ok: true, ssh }], {}, { unlock }, (dir) => {
      keyFile = join(dir, 'id_encrypted');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret words', '-f', keyFile]);
      return [keyFile];
    });
    await connection.client();
    expect(unlock).toHaveBeenCalledWith(keyFile, 'web');
    expect(attempts[0]?.identities).toEqual([]);
    expect(attempts[1]?.identities).toEqual([unlocked]);
  });

  it('offers an unlocked key at once when it reconnects after a drop', async () => {
    const first = fakeSsh();
    const second = fakeSsh();
    const unlock = vi.fn(async (file: string) => ({ file, key: { type: 'ssh-ed25519' } as unknown as ParsedKey }));
    const { connection, attempts } = setup(
      [{ ok: false, failure: { kind: 'auth', message: 'denied' } }, { ok: true, ssh: first.ssh }, { ok: true, ssh: second.ssh }],
      {},
      { unlock },
      (dir) => {
        const file = join(dir, 'id_encrypted');
        execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret words', '-f', file]);
        return [file];
      },
    );
    await connection.client();
    first.drop('Connection reset');
    await connection.client();
    expect(attempts).toHaveLength(3);
    expect(attempts[2]?.identities.map((i) => i.file)).toEqual([attempts[1]?.identities[0]?.file]);
    expect(unlock).toHaveBeenCalledTimes(1);
  });

  it('reports auth failure with what was offered when nothing is left to try', async () => {
    const { connection, states } = setup([{ ok: false, failure: { kind: 'auth', message: 'denied' } }], {}, { agentSocket: '/tmp/agent.sock' });
    const error = (await connection.client().catch((e: unknown) => e)) as SshConnectError;
    expect(error.reason).toBe('auth-failed');
    expect(error.message).toContain('offered: ssh-agent');
    expect(states.getSnapshot().web?.status).toBe('auth-failed');
  });

  it('refuses use after close and reports closed', async () => {
    const { ssh } = fakeSsh();
    const { connection, states } = setup([{ ok: true, ssh }]);
    await connection.client();
    await connection.close();
    expect(states.getSnapshot().web?.status).toBe('closed');
    await expect(connection.client()).rejects.toThrow(/closed/);
  });
});
