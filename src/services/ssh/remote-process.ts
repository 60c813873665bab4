import type { Client, ClientChannel } from 'ssh2';
import type { HostConnection } from './host-connection.js';

/** How a remote command ended. `lost`: the connection died under it (keepalive timeout, reset). */
export type RemoteOutcome =
  | { kind: 'exit'; code: number | null; signal?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'lost'; reason: string };

/** A command running in one SSH exec channel. */
export interface RemoteProcess {
  channel: ClientChannel;
  /** Settles once: on exit, timeout, abort or a lost connection (never waits for a dead peer). */
  outcome: Promise<RemoteOutcome>;
  /** Ends the remote process (SIGTERM to its process group) and closes the channel. */
  stop(): void;
}

/** Start options: the deadline counts from the call, so waiting for a slot or a connection is included. */
export interface StartOptions {
  stdin?: string | Uint8Array;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Stop before a channel exists: the command never started. */
export class NotStarted extends Error {
  constructor(readonly outcome: Extract<RemoteOutcome, { kind: 'timeout' | 'aborted' }>) {
    super(outcome.kind);
  }
}

/**
 * Runs `line` in a new exec channel of `connection`: no pseudo-terminal (so nothing can prompt), stdin
 * closed at once unless data is given, a channel slot held until the channel really closes.
 */
export async function startRemoteCommand(connection: HostConnection, line: string, options: StartOptions): Promise<RemoteProcess> {
  const gate = new AbortController();
  let ended: RemoteOutcome | undefined;
  let settle: (outcome: RemoteOutcome) => void = () => undefined;
  const outcome = new Promise<RemoteOutcome>((resolve) => {
    settle = (value) => {
      if (ended) return;
      ended = value;
      resolve(value);
    };
  });
  const timer = options.timeoutMs ? setTimeout(() => stopWith({ kind: 'timeout' }), options.timeoutMs) : undefined;
  const onAbort = (): void => stopWith({ kind: 'aborted' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let channel: ClientChannel | undefined;
  function stopWith(value: RemoteOutcome): void {
    if (channel) terminate(channel);
    gate.abort(value);
    settle(value);
  }
  if (options.signal?.aborted) stopWith({ kind: 'aborted' });
  void outcome.then(() => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  });

  let release: (() => void) | undefined;
  let client: Client;
  try {
    release = await connection.channels.acquire(gate.signal);
    client = await raceGate(connection.client(), gate.signal);
    channel = await raceGate(openExec(client, line), gate.signal);
  } catch (error) {
    release?.();
    if (ended && ended.kind !== 'exit' && ended.kind !== 'lost') throw new NotStarted(ended);
    settle({ kind: 'aborted' });
    throw error;
  }
  const opened = channel;
  const onLost = (): void => settle({ kind: 'lost', reason: connection.lastDropReason });
  client.once('close', onLost);
  // The exit status arrives before the channel closes; output is complete only at 'close'.
  let exit: { code: number | null; signal?: string } = { code: null };
  opened.once('exit', (code: number | null, signal?: string) => {
    exit = { code: code ?? null, ...(signal ? { signal } : {}) };
  });
  opened.once('close', () => {
    client.removeListener('close', onLost);
    release?.();
    settle({ kind: 'exit', ...exit });
  });
  if (options.stdin === undefined) opened.end();
  else opened.end(Buffer.from(options.stdin));
  if (ended) terminate(opened);
  return { channel: opened, outcome, stop: () => stopWith({ kind: 'aborted' }) };
}

function openExec(client: Client, line: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(line, (error, channel) => (error ? reject(error) : resolve(channel)));
  });
}

/** The parts of ssh2's channel this module reaches into; see terminate. */
interface ChannelInternals {
  outgoing: { id: number; state: string };
  _client: { _protocol: { signal(id: number, name: string): void } };
}

/**
 * Sends SIGTERM, then closes. sshd delivers a signal to the session's whole process group, so a shell
 * pipeline dies too; closing alone leaves a process that does not write (a `sleep`) running. ssh2's
 * public `channel.signal()` refuses once our stdin is closed, though the protocol allows it, so the
 * request goes through its protocol object.
 */
function terminate(channel: ClientChannel): void {
  const internals = channel as unknown as ChannelInternals;
  const state = internals.outgoing.state;
  if (state !== 'open' && state !== 'eof') return;
  try {
    internals._client._protocol.signal(internals.outgoing.id, 'TERM');
  } catch {
    // The connection is already gone: nothing left to signal.
  }
  channel.close();
}

function raceGate<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          // Too late: the caller gave up; a channel opened now must not be left behind.
          if (isChannel(value)) value.close();
          return;
        }
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function isChannel(value: unknown): value is ClientChannel {
  return typeof value === 'object' && value !== null && 'stderr' in value && typeof (value as ClientChannel).close === 'function';
}
