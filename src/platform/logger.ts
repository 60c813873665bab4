import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock } from './clock.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logging to a file: the app must never print behind Ink's back. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Registers a value that must never appear in the log (a password, a token). */
  addSecret(value: string): void;
  close(): Promise<void>;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const SECRET_MASK = '••••';

/** Replaces every registered secret in `text` with the mask. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(SECRET_MASK);
  return out;
}

/** A JSON-lines logger appending to `path` (created with mode 0600 on first write); times come from `clock`. */
export function createFileLogger(path: string, minLevel: LogLevel = 'info', clock: Clock = systemClock): Logger {
  let stream: WriteStream | undefined;
  let unwritable = false;
  const secrets = new Set<string>();
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (order[level] < order[minLevel]) return;
    if (unwritable) return;
    if (!stream) {
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      } catch {
        // A read-only state directory costs the log, never the command.
        unwritable = true;
        return;
      }
      stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
      stream.on('error', () => undefined);
    }
    const line = JSON.stringify({ time: new Date(clock.now()).toISOString(), level, message, ...fields });
    stream.write(`${redact(line, secrets)}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    addSecret: (value) => void secrets.add(value),
    close: () =>
      new Promise<void>((resolve) => {
        if (!stream) return resolve();
        stream.end(resolve);
      }),
  };
}

/** A logger that drops everything, for tests and commands that need none. */
export const nullLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  addSecret: () => undefined,
  close: async () => undefined,
};
