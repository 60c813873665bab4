import { Readable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { quoteShellArg } from '../runner/shell-quote.js';
import type { HostConnection } from './host-connection.js';
import { KILL_GROUP_SCRIPT, PID_ANNOUNCEMENT, SessionPidFilter } from './session-pid.js';

/** How a remote command ended. `lost`: the connection died under it (keepalive timeout, reset). */
export type RemoteOutcome =
  | { kind: 'exit'; code: number | null; signal?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'lost'; reason: string };

/** A command running in one SSH exec channel. */
export interface RemoteProcess {
  stdout: Readable;
  /** The command's stderr (without the PID announcement). */
  stderr: Readable;
  /** Settles once: on exit, timeout, abort or a lost connection (never waits for a dead peer). */
  outcome: Promise<RemoteOutcome>;
  /** Ends the remote process group and closes the channel. */
  stop(): void;
}

/** Start options: the deadline counts from the call, so waiting for a slot or a connection is included. */
export interface StartOptions {
  /** Bytes for stdin, or a stream piped into it (ended when the stream ends). */
  stdin?: string | Uint8Array | Readable;
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
  let client: Client | undefined;
  let channel: ClientChannel | undefined;
  let exec: OpenedExec | undefined;
  let pid: number | undefined;
  let killWanted = false;
  const kill = (): void => {
    killWanted = true;
    if (client && pid !== undefined) connection.trackStop(killProcessGroup(client, pid));
  };
  const stopWith = (value: RemoteOutcome): void => {
    if (ended) return;
    if (channel) {
      kill();
      channel.close();
    }
    gate.abort(value);
    settle(value);
  };
  const timer = options.timeoutMs ? setTimeout(() => stopWith({ kind: 'timeout' }), options.timeoutMs) : undefined;
  const onAbort = (): void => stopWith({ kind: 'aborted' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stopWith({ kind: 'aborted' });
  void outcome.then(() => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  });

  let release: (() => void) | undefined;
  try {
    release = await connection.channels.acquire(gate.signal);
    client = await raceGate(connection.client(), gate.signal);
    exec = await raceGate(openExec(client, PID_ANNOUNCEMENT + line), gate.signal);
    channel = exec.channel;
  } catch (error) {
    release?.();
    if (ended && (ended.kind === 'timeout' || ended.kind === 'aborted')) throw new NotStarted(ended);
    settle({ kind: 'aborted' });
    throw error;
  }
  const opened = channel;
  const connected = client;
  const opening = exec as OpenedExec;
  const stderr = opened.stderr.pipe(
    new SessionPidFilter((found) => {
      pid = found;
      if (killWanted) kill();
    }),
  );
  const onLost = (): void => settle({ kind: 'lost', reason: connection.lastDropReason });
  connected.once('close', onLost);
  // Output is complete only at 'close', which ssh2 emits once stdout has been read to its end.
  opened.once('close', () => {
    connected.removeListener('close', onLost);
    release?.();
    // Wait for the filtered stderr to drain so a reader sees every line before the outcome.
    if (stderr.readableEnded) settle({ kind: 'exit', ...opening.exit });
    else stderr.once('end', () => settle({ kind: 'exit', ...opening.exit }));
  });
  if (options.stdin === undefined) opened.end();
  else if (options.stdin instanceof Readable) options.stdin.pipe(opened);
  else opened.end(Buffer.from(options.stdin));
  return { stdout: opened, stderr, outcome, stop: () => stopWith({ kind: 'aborted' }) };
}

/** An exec channel and its exit status, filled in when the server sends it. */
interface OpenedExec {
  channel: ClientChannel;
  exit: { code: number | null; signal?: string };
}

/**
 * Opens the channel and listens for the exit status inside ssh2's callback: when the exec reply, the
 * output and the exit status come in one TCP read (a fast command over a slow link), ssh2 emits them
 * all before any awaiting code runs, and a listener added after `await` misses the exit status.
 */
function openExec(client: Client, line: string): Promise<OpenedExec> {
  return new Promise((resolve, reject) => {
    client.exec(line, (error, channel) => {
      if (error) return reject(error);
      const opened: OpenedExec = { channel, exit: { code: null } };
      channel.once('exit', (code: number | null, signal?: string) => {
        opened.exit = { code: code ?? null, ...(signal ? { signal } : {}) };
      });
      resolve(opened);
    });
  });
}

/**
 * A second channel ends the process group (see session-pid.ts). It bypasses the channel limit, which
 * keeps sshd's default MaxSessions (10) two sessions above our default of 8 for exactly this.
 * Settles when that channel closes, so closing the connection can wait for it (see trackStop).
 */
function killProcessGroup(client: Client, pid: number): Promise<void> {
  const line = ['sh', '-c', KILL_GROUP_SCRIPT, 'sh', String(pid)].map(quoteShellArg).join(' ');
  return new Promise((resolve) => {
    try {
      client.exec(line, (error, channel) => {
        if (error) return resolve();
        channel.once('close', () => resolve());
        channel.resume();
        channel.stderr.resume();
        channel.end();
      });
    } catch {
      // The connection is gone: nothing can reach the process any more.
      resolve();
    }
  });
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
          if (isOpenedExec(value)) value.channel.close();
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

function isOpenedExec(value: unknown): value is OpenedExec {
  return typeof value === 'object' && value !== null && 'channel' in value && 'exit' in value;
}
