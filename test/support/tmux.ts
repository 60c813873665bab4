import { rmSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'homelab-tui.js');

/**
 * A real terminal for end-to-end screen tests: a detached tmux session of a given size, driven only by
 * keystrokes and read back with capture-pane. Each session uses its own tmux server socket.
 */
export class TmuxSession {
  private constructor(
    readonly socket: string,
    readonly name: string,
  ) {}

  static async start(options: { columns?: number; rows?: number; env?: Record<string, string> } = {}): Promise<TmuxSession> {
    const id = `hl-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const session = new TmuxSession(`/tmp/${id}.sock`, id);
    // A plain shell with a known prompt; Ink treats any CI variable as "not a terminal", so drop it.
    // HISTFILE: the shell writes no history when the session is killed (a test's HOME may be a folder it removes).
    const env = Object.entries({ PS1: '$ ', TERM: 'xterm-256color', HISTFILE: '/dev/null', ...options.env }).map(([k, v]) => `${k}=${v}`);
    await session.tmux('new-session', '-d', '-s', id, '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24), 'env', '-u', 'CI', ...env, 'bash', '--norc', '--noprofile');
    await session.tmux('set-option', '-t', id, 'status', 'off');
    return session;
  }

  /** The command line that starts the built app with these arguments. */
  static appCommand(args: string[]): string {
    return [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  }

  async tmux(...args: string[]): Promise<string> {
    const result = await execa('tmux', ['-S', this.socket, ...args]);
    return result.stdout;
  }

  /** Types text literally (no key-name interpretation). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** Presses named keys: Enter, Escape, Up, Down, C-c, BSpace… */
  async press(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, ...keys);
  }

  async screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** The screen with its colour and style escape sequences, to check colour use. */
  async screenWithStyles(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
  }

  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /** Waits until the screen matches, returning it; fails with the last screen after `timeoutMs`. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`screen never showed ${String(pattern)}; last screen:\n${last}`);
  }

  async stop(): Promise<void> {
    await execa('tmux', ['-S', this.socket, 'kill-server'], { reject: false });
    // tmux leaves its socket file behind when the server is killed.
    rmSync(this.socket, { force: true });
  }
}
