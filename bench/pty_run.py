#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal and reports timings as JSON.

Used by the benchmarks (Node has no built-in pty). Usage:
  pty_run.py --cols 80 --rows 24 [--until REGEX] [--keys TEXT] [--frames] [--timeout S] -- argv...
Prints {"first_match_ms": float|null, "exit_ms": float|null, "bytes": int, "exit_code": int|null}.
The time starts just before the fork. After REGEX appears the optional KEYS are typed; the command
is then waited for (or killed at the timeout). Without --until the output is read until the command
exits. --frames adds "frame_times": the wall-clock time (epoch ms) of every frame, counted by the
synchronized-output mark Ink writes before each one (ESC [ ? 2026 h).
"""
import argparse, fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--cols', type=int, default=80)
    p.add_argument('--rows', type=int, default=24)
    p.add_argument('--until', default=None)
    p.add_argument('--frames', action='store_true')
    p.add_argument('--keys', default='')
    p.add_argument('--timeout', type=float, default=20.0)
    p.add_argument('argv', nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.argv[1:] if a.argv and a.argv[0] == '--' else a.argv
    pattern = re.compile(a.until.encode()) if a.until else None
    mark = b'\x1b[?2026h'
    frame_times = []
    tail = b''
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', a.rows, a.cols, 0, 0))
    buf = b''
    first = None
    exit_ms = None
    code = None
    deadline = start + a.timeout
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b''
            if not chunk:
                break
            buf += chunk
            if a.frames:
                now_ms = time.time() * 1000
                # A mark may be split between two reads: search the end of the last read too.
                frame_times.extend([now_ms] * (tail + chunk).count(mark))
                tail = chunk[-(len(mark) - 1):]
            if pattern is not None and first is None and pattern.search(buf):
                first = (time.perf_counter() - start) * 1000
                if a.keys:
                    os.write(fd, a.keys.encode())
                else:
                    break
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            exit_ms = (time.perf_counter() - start) * 1000
            code = os.waitstatus_to_exitcode(status)
            break
    if code is None:
        try:
            # The pty reached end of file: the command is exiting; give it a moment to be reaped.
            grace = time.perf_counter() + 2.0
            done, status = os.waitpid(pid, os.WNOHANG)
            while not done and time.perf_counter() < grace and time.perf_counter() < deadline:
                time.sleep(0.01)
                done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                exit_ms = exit_ms if exit_ms is not None else (time.perf_counter() - start) * 1000
                code = os.waitstatus_to_exitcode(status)
            else:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    result = {'first_match_ms': first, 'exit_ms': exit_ms, 'bytes': len(buf), 'exit_code': code}
    if a.frames:
        result['frame_times'] = frame_times
    json.dump(result, sys.stdout)

main()
