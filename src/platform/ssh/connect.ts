import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { NodeSSH } from 'node-ssh';
import type { Config } from 'node-ssh';
import type { AnyAuthMethod, ServerHostKeyAlgorithm } from 'ssh2';
import type { Identity } from './identities.js';
import { knownHostsName, keyTypeOf, verifyHostKey, type HostKeyVerdict, type KnownHostEntry } from './known-hosts.js';
import type { SshTarget } from './ssh-target.js';

/** Timeouts of one connection; keepalive detects a dead link in about interval × countMax. */
export interface ConnectTiming {
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

/** Everything one connection attempt needs, already loaded: no prompts happen during a handshake. */
export interface ConnectAttempt {
  target: SshTarget;
  /** A forwarded channel through the jump host, when the target has one. */
  sock?: Duplex;
  knownHosts: readonly KnownHostEntry[];
  identities: readonly Identity[];
  agentSocket?: string;
  timing: ConnectTiming;
  /** Aborting it ends the attempt at once: the socket is destroyed and the attempt fails as aborted. */
  signal?: AbortSignal;
}

/** Why an attempt failed, in the categories the pool acts on. */
export type ConnectFailure =
  | { kind: 'host-key'; verdict: Exclude<HostKeyVerdict, { status: 'known' }>; key: Buffer; name: string }
  | { kind: 'auth'; message: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'aborted'; message: string };

/** A connected NodeSSH, or the reason there is none. */
export type ConnectResult = { ok: true; ssh: NodeSSH } | { ok: false; failure: ConnectFailure };

// ssh2's default host key algorithms; the ones the known-hosts files hold for this host go first, so
// a server with several host keys shows the one we can check (as OpenSSH does).
const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** The name a target's key is recorded under in known_hosts. */
export function hostKeyName(target: SshTarget): string {
  return target.hostKeyAlias ?? knownHostsName(target.hostName, target.port);
}

/** One connection attempt: strict host key check, agent then identity files, no TTY, no prompts. */
export async function attemptConnect(attempt: ConnectAttempt): Promise<ConnectResult> {
  const { target, timing } = attempt;
  const name = hostKeyName(target);
  let refused: { verdict: Exclude<HostKeyVerdict, { status: 'known' }>; key: Buffer } | undefined;
  if (attempt.signal?.aborted) return { ok: false, failure: { kind: 'aborted', message: `connecting to ${target.name} was stopped` } };
  const sock = attempt.sock ?? openSocket(target);
  const config: Config = {
    sock,
    username: target.user,
    readyTimeout: timing.connectTimeoutMs,
    keepaliveInterval: timing.keepaliveIntervalMs,
    keepaliveCountMax: timing.keepaliveCountMax,
    algorithms: { serverHostKey: preferredHostKeyAlgorithms(attempt.knownHosts, name) },
    hostVerifier: (key: Buffer) => {
      const verdict = verifyHostKey(attempt.knownHosts, name, key);
      if (verdict.status === 'known') return true;
      refused = { verdict, key };
      return false;
    },
    authHandler: authMethods(attempt),
  };
  const ssh = new NodeSSH();
  const aborted = abortable(attempt.signal, () => {
    // The handshake (or the TCP connect under it) ends now: nothing of it keeps the process alive.
    sock.destroy();
    ssh.dispose();
  });
  try {
    await Promise.race([ssh.connect(config), aborted.promise]);
    if (attempt.signal?.aborted) throw new Error('aborted');
    return { ok: true, ssh };
  } catch (error) {
    ssh.dispose();
    sock.destroy();
    if (attempt.signal?.aborted) return { ok: false, failure: { kind: 'aborted', message: `connecting to ${target.name} was stopped` } };
    if (refused) return { ok: false, failure: { kind: 'host-key', verdict: refused.verdict, key: refused.key, name } };
    return { ok: false, failure: classifyConnectError(error, target, timing) };
  } finally {
    aborted.done();
  }
}

/** A promise that rejects when the signal aborts (after `onAbort`), and `done` to stop listening. */
function abortable(signal: AbortSignal | undefined, onAbort: () => void): { promise: Promise<never>; done(): void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), done: () => undefined };
  let listener: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    listener = () => {
      onAbort();
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', listener, { once: true });
  });
  // A rejection nobody awaits after the race was won by the connect must not count as unhandled.
  promise.catch(() => undefined);
  return { promise, done: () => listener && signal.removeEventListener('abort', listener) };
}

/**
 * Our own TCP socket rather than ssh2's, to turn Nagle off: a command is a few small packets each way,
 * and with Nagle plus delayed ACKs every warm command waited about 40 ms for nothing.
 */
function openSocket(target: SshTarget): Socket {
  const socket = new Socket();
  socket.setNoDelay(true);
  socket.connect(target.port, target.hostName);
  return socket;
}

function authMethods(attempt: ConnectAttempt): AnyAuthMethod[] {
  const username = attempt.target.user;
  const methods: AnyAuthMethod[] = [];
  if (attempt.agentSocket && !attempt.target.identitiesOnly) methods.push({ type: 'agent', username, agent: attempt.agentSocket });
  for (const identity of attempt.identities) methods.push({ type: 'publickey', username, key: identity.key });
  return methods;
}

function preferredHostKeyAlgorithms(entries: readonly KnownHostEntry[], name: string): ServerHostKeyAlgorithm[] {
  const known = new Set(entries.filter((e) => verifyHostKey([e], name, e.key).status === 'known').map((e) => keyTypeOf(e.key)));
  const first = HOST_KEY_ALGORITHMS.filter((algo) => known.has(algo.startsWith('rsa-sha2-') ? 'ssh-rsa' : algo));
  return [...first, ...HOST_KEY_ALGORITHMS.filter((algo) => !first.includes(algo))];
}

/** Turns ssh2's errors (socket codes, levels) into an auth failure or a reachability failure. */
export function classifyConnectError(error: unknown, target: SshTarget, timing: ConnectTiming): ConnectFailure {
  const err = error as Error & { level?: string; code?: string };
  const where = `${target.hostName}:${target.port}`;
  if (err.level === 'client-authentication') return { kind: 'auth', message: `${target.user}@${where} refused every key offered` };
  const reasons: Record<string, string> = {
    ECONNREFUSED: `connection to ${where} refused (is sshd running and listening on port ${target.port}?)`,
    EHOSTUNREACH: `no route to ${where} (host down or network unreachable)`,
    ENETUNREACH: `network unreachable for ${where}`,
    ETIMEDOUT: `connection to ${where} timed out`,
    ENOTFOUND: `cannot resolve host name ${target.hostName}`,
    EAI_AGAIN: `cannot resolve host name ${target.hostName} (DNS not answering)`,
  };
  const known = err.code ? reasons[err.code] : undefined;
  if (known) return { kind: 'unreachable', message: known };
  if (err.level === 'client-timeout') return { kind: 'unreachable', message: `no SSH handshake with ${where} within ${timing.connectTimeoutMs / 1000}s` };
  return { kind: 'unreachable', message: `cannot connect to ${where}: ${err.message ?? String(error)}` };
}
