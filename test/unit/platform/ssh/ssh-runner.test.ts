// SshRunner over a scripted stand-in for ssh2's client: the command line it sends, stdin, exit codes,
// streams, and an exit status that arrives in the same read as the exec reply.
import { EventEmitter } from 'node:events';
import { Duplex, PassThrough } from 'node:stream';
import type { NodeSSH } from 'node-ssh';
import type { ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/platform/clock.js';
import { CommandError } from '../../../../src/platform/errors.js';
import { nullLogger } from '../../../../src/platform/logger.js';
import { ConnectionStates } from '../../../../src/platform/ssh/connection-state.js';
import { HostConnection } from '../../../../src/platform/ssh/host-connection.js';
import { KnownHostsStore } from '../../../../src/platform/ssh/known-hosts-store.js';
import { SshRunner } from '../../../../src/platform/ssh/ssh-runner.js';

/** A channel like ssh2's: stdout is the duplex itself, stderr a readable; 'close' follows the end of stdout. */
class FakeChannel extends Duplex {
  readonly stderr = new PassThrough();
  readonly written: Buffer[] = [];
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.written.push(chunk);
    done();
  }
  close(): void {}
  /** What sshd does when the command ends: output, exit status, EOF, then close once stdout is read. */
  finish(code: number, stdout = '', stderr = ''): void {
    if (stdout) this.push(stdout);
    if (stderr) this.stderr.write(stderr);
    this.emit('exit', code);
    this.stderr.end();
    this.once('end', () => this.emit('close'));
    this.push(null);
  }
}

type Script = (line: string, channel: FakeChannel) => void;

function runnerWith(script: Script, user = 'root'): { runner: SshRunner; lines: string[]; channels: FakeChannel[] } {
  const lines: string[] = [];
  const channels: FakeChannel[] = [];
  const client = Object.assign(new EventEmitter(), {
    exec(line: string, callback: (error: Error | undefined, channel: ClientChannel) => void) {
      lines.push(line);
      const channel = new FakeChannel();
      channels.push(channel);
      callback(undefined, channel as unknown as ClientChannel);
      script(line, channel);
    },
  });
  const ssh = { connection: client, isConnected: () => true, dispose: () => undefined } as unknown as NodeSSH;
  const connection = new HostConnection(
    { name: 'web', hostName: '10.0.0.7', port: 22, user, identityFiles: [], identitiesOnly: false },
    {
      knownHosts: new KnownHostsStore([], '/nonexistent/known_hosts'),
      interaction: { confirmNewHostKey: async () => false, askPassphrase: async () => undefined },
      home: '/nonexistent',
      timing: { connectTimeoutMs: 1000, keepaliveIntervalMs: 1000, keepaliveCountMax: 3 },
      backoff: { baseMs: 10, capMs: 10 },
      maxChannels: 4,
      clock: systemClock,
      logger: nullLogger,
      states: new ConnectionStates(),
      unlock: async () => Promise.reject(new Error('no keys here')),
      openTunnel: async () => Promise.reject(new Error('no jump here')),
      connect: async () => ({ ok: true, ssh }),
    },
  );
  return { runner: new SshRunner('web', connection, { defaultTimeoutMs: 5_000 }), lines, channels };
}

const PID = '\x1ehl-pid:4242\x1e\n';

describe('SshRunner (scripted ssh2 client)', () => {
  it('sends one quoted line announcing the session PID, and returns output and a non-zero exit', async () => {
    const { runner, lines } = runnerWith((_line, channel) => setImmediate(() => channel.finish(3, 'out\n', `${PID}err\n`)));
    const result = await runner.run({ argv: ['sh', '-c', 'echo "$1"', 'sh', "it's"], env: { A: 'b c' }, cwd: '/srv/app' });
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(lines).toEqual([`printf '\\036hl-pid:%s\\036\\n' "$$" >&2; cd -- /srv/app && exec env 'A=b c' sh -c 'echo "$1"' sh 'it'\\''s'`]);
  });

  it('keeps the exit status when ssh2 delivers it in the same read as the exec reply', async () => {
    // finish() runs inside exec's callback, before any awaiting code could attach a listener.
    const { runner } = runnerWith((_line, channel) => channel.finish(7, 'quick\n', PID));
    expect(await runner.run({ argv: ['true'] })).toEqual({ exitCode: 7, stdout: 'quick\n', stderr: '' });
  });

  it('writes stdin and ends it; without stdin it ends it at once', async () => {
    const { runner, channels } = runnerWith((_line, channel) => channel.on('finish', () => channel.finish(0, '', PID)));
    await runner.run({ argv: ['cat'], stdin: 'secret\n' });
    await runner.run({ argv: ['true'] });
    expect(Buffer.concat(channels[0]?.written ?? []).toString()).toBe('secret\n');
    expect(channels[1]?.written).toEqual([]);
  });

  it('streams merged lines and throws a CommandError with the stderr tail on a non-zero exit', async () => {
    const { runner } = runnerWith((_line, channel) => setImmediate(() => channel.finish(2, 'a\nb\n', `${PID}boom\n`)));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const line of runner.stream({ argv: ['logs'] })) seen.push(`${line.source}:${line.line}`);
    })().catch((e: unknown) => e);
    expect(seen.sort()).toEqual(['stderr:boom', 'stdout:a', 'stdout:b']);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ exitCode: 2, host: 'web', stderrTail: 'boom' });
  });

  it('wraps an elevated command in sudo -n for a non-root login only', async () => {
    const user = runnerWith((_line, channel) => setImmediate(() => channel.finish(0, '', PID)), 'alice');
    await user.runner.run({ argv: ['pct', 'list'], elevated: true, env: { X: '1' } });
    expect(user.lines[0]).toContain("exec sudo -n -- env 'X=1' pct list");
    const root = runnerWith((_line, channel) => setImmediate(() => channel.finish(0, '', PID)));
    await root.runner.run({ argv: ['pct', 'list'], elevated: true });
    expect(root.lines[0]).toMatch(/exec pct list$/);
  });

  it('refuses to be used after close()', async () => {
    const { runner } = runnerWith(() => undefined);
    await runner.close();
    await expect(runner.run({ argv: ['true'] })).rejects.toThrow(/after close/);
  });
});
