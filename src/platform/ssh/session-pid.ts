import { Transform, type TransformCallback } from 'node:stream';

/**
 * Why we need the remote PID: sshd refuses the SSH "signal" request for root logins ("session
 * signalling requires privilege separation"), and closing a channel without a TTY leaves a process
 * that does not write (a `sleep`, a hung `docker pull`) running. So each command first prints its
 * session's PID on stderr, and stopping it kills that process group through a second channel. sshd
 * makes every session a process-group leader (setsid), and `exec` keeps the PID.
 */
export const PID_ANNOUNCEMENT = `printf '\\036hl-pid:%s\\036\\n' "$$" >&2; `;

const PID_LINE = /^\x1ehl-pid:(\d+)\x1e$/;

/** Ends the process group `$1` (TERM, then KILL after 3 s); a constant script, the PID is an argument. */
export const KILL_GROUP_SCRIPT =
  'kill -TERM -"$1" 2>/dev/null || exit 0; i=0; ' +
  'while [ $i -lt 30 ] && kill -0 -"$1" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; ' +
  'kill -KILL -"$1" 2>/dev/null; exit 0';

/**
 * Passes stderr through unchanged except for the PID announcement line, which it removes and reports.
 * Lines before it (a login shell's rc file complaining) pass through untouched.
 */
export class SessionPidFilter extends Transform {
  private pending = '';
  private found = false;

  constructor(private readonly onPid: (pid: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.found) return done(null, chunk);
    // Until the announcement is seen, work in whole lines; it arrives before anything the command writes.
    this.pending += chunk.toString('latin1');
    let newline = this.pending.indexOf('\n');
    while (newline >= 0 && !this.found) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      const match = PID_LINE.exec(line);
      if (match) {
        this.found = true;
        this.onPid(Number(match[1]));
      } else {
        this.push(Buffer.from(`${line}\n`, 'latin1'));
      }
      newline = this.pending.indexOf('\n');
    }
    if (this.found && this.pending) {
      this.push(Buffer.from(this.pending, 'latin1'));
      this.pending = '';
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pending ? Buffer.from(this.pending, 'latin1') : null);
  }
}
