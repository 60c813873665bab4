import type { ClientChannel } from 'ssh2';
import type { TerminalIo } from '../runner/command-runner.js';
import type { HostConnection } from './host-connection.js';

/**
 * Runs `line` in an exec channel with a pseudo-terminal the size of `io.stdout`, wired to `io`: stdin
 * raw while it runs (so Ctrl-C and Tab reach the remote shell), the window size following resizes, and
 * this terminal's mode restored after, whatever ends it (exit, a lost connection).
 */
export async function runInRemoteTerminal(connection: HostConnection, line: string, io: TerminalIo): Promise<number | null> {
  const release = await connection.channels.acquire(new AbortController().signal);
  try {
    const client = await connection.client();
    const pty = { term: process.env.TERM || 'xterm-256color', cols: io.stdout.columns || 80, rows: io.stdout.rows || 24 };
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      client.exec(line, { pty }, (error, opened) => (error ? reject(error) : resolve(opened)));
    });
    let code: number | null = null;
    channel.once('exit', (exitCode: number | null) => {
      code = exitCode ?? null;
    });
    const onResize = (): void => {
      channel.setWindow(io.stdout.rows || 24, io.stdout.columns || 80, 0, 0);
    };
    const wasRaw = io.stdin.isTTY ? io.stdin.isRaw : false;
    if (io.stdin.isTTY) io.stdin.setRawMode(true);
    io.stdout.on('resize', onResize);
    io.stdin.pipe(channel);
    io.stdin.resume();
    channel.pipe(io.stdout, { end: false });
    channel.stderr.pipe(io.stdout, { end: false });
    // The channel closes when the command ends; the client closes when the link is lost under it; an
    // abort (SIGTERM, SIGHUP to this process) closes the channel, which hangs up the remote pty.
    const hangUp = (): void => void channel.close();
    await new Promise<void>((resolve) => {
      const done = (): void => {
        channel.off('close', done);
        client.off('close', done);
        io.signal?.removeEventListener('abort', hangUp);
        resolve();
      };
      channel.once('close', done);
      client.once('close', done);
      if (io.signal?.aborted) hangUp();
      else io.signal?.addEventListener('abort', hangUp, { once: true });
    });
    io.stdin.unpipe(channel);
    io.stdin.pause();
    io.stdout.off('resize', onResize);
    if (io.stdin.isTTY) io.stdin.setRawMode(wasRaw);
    return code;
  } finally {
    release();
  }
}
