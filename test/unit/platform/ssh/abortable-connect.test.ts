// A connect in flight ends at once when it is aborted (quitting the app with a host that does not
// answer): against a loopback server that accepts TCP but never speaks SSH, so the handshake hangs.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/platform/clock.js';
import { nullLogger } from '../../../../src/platform/logger.js';
import { attemptConnect } from '../../../../src/platform/ssh/connect.js';
import { ConnectionStates, type ConnectionStatus } from '../../../../src/platform/ssh/connection-state.js';
import { HostConnection } from '../../../../src/platform/ssh/host-connection.js';
import { KnownHostsStore } from '../../../../src/platform/ssh/known-hosts-store.js';
import type { SshTarget } from '../../../../src/platform/ssh/ssh-target.js';

const timing = { connectTimeoutMs: 20_000, keepaliveIntervalMs: 5000, keepaliveCountMax: 3 };
let server: Server | undefined;
const accepted: Socket[] = [];

/** A TCP server that takes connections and says nothing: an SSH handshake with it never ends by itself. */
async function silentServer(): Promise<number> {
  server = createServer((socket) => {
    // Read (and drop) what the client sends, so its end is seen.
    socket.resume();
    socket.on('error', () => undefined);
    accepted.push(socket);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const closedByClient = (socket: Socket) => new Promise<void>((resolve) => (socket.readableEnded ? resolve() : socket.once('end', () => resolve())));

afterEach(async () => {
  for (const socket of accepted.splice(0)) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

function targetAt(port: number): SshTarget {
  return { name: 'away', hostName: '127.0.0.1', port, user: 'root', identityFiles: [], identitiesOnly: true };
}

describe('aborting a connect in flight', () => {
  it('attemptConnect: the abort ends the handshake at once and closes the socket', async () => {
    const port = await silentServer();
    const abort = new AbortController();
    const started = Date.now();
    const pending = attemptConnect({ target: targetAt(port), knownHosts: [], identities: [], timing, signal: abort.signal });
    while (accepted.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    abort.abort();
    const result = await pending;
    expect(result).toEqual({ ok: false, failure: { kind: 'aborted', message: 'connecting to away was stopped' } });
    expect(Date.now() - started).toBeLessThan(1000);
    await closedByClient(accepted[0] as Socket);
  });

  it('an attempt with an already aborted signal does not open a socket', async () => {
    const port = await silentServer();
    const abort = new AbortController();
    abort.abort();
    expect(await attemptConnect({ target: targetAt(port), knownHosts: [], identities: [], timing, signal: abort.signal })).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted).toEqual([]);
  });

  it('HostConnection.close() ends its connect in flight: the waiting caller is told the program is closing, the state is closed', async () => {
    const port = await silentServer();
    const dir = mkdtempSync(join(tmpdir(), 'hl-abort-'));
    const states = new ConnectionStates();
    const statuses: ConnectionStatus[] = [];
    states.subscribe((s) => statuses.push(s.status));
    const connection = new HostConnection(targetAt(port), {
      knownHosts: new KnownHostsStore([join(dir, 'known_hosts')], join(dir, 'app_known_hosts')),
      interaction: { confirmNewHostKey: async () => false, askPassphrase: async () => undefined },
      home: dir,
      timing,
      backoff: { baseMs: 500, capMs: 4000 },
      maxChannels: 2,
      clock: systemClock,
      logger: nullLogger,
      states,
      unlock: async () => {
        throw new Error('unlock not expected');
      },
      openTunnel: async () => {
        throw new Error('no tunnel expected');
      },
    });
    const waiting = connection.client();
    waiting.catch(() => undefined);
    while (accepted.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await connection.close();
    await expect(waiting).rejects.toMatchObject({ name: 'UserError', message: 'the connection to away was closed' });
    expect(Date.now() - started).toBeLessThan(500);
    await closedByClient(accepted[0] as Socket);
    expect(statuses.at(-1)).toBe('closed');
    expect(statuses).not.toContain('unreachable');
  });
});
