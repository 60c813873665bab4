import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import { redact } from '../logger.js';

/** The append-only record of one operation: JSON lines, time-stamped, secrets masked. */
export interface OperationLog {
  readonly path: string | undefined;
  append(event: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** Opens `<dir>/<id>.jsonl` (mode 0600) for one operation; each line's time comes from `clock`. */
export function openOperationLog(dir: string, id: string, secrets: readonly string[], clock: Clock): OperationLog {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${id}.jsonl`);
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  stream.on('error', () => undefined);
  return {
    path,
    append: (event) => void stream.write(`${redact(JSON.stringify({ time: new Date(clock.now()).toISOString(), ...event }), secrets)}\n`),
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}

/** A log that keeps nothing, for previews and tests that do not look at it. */
export const discardOperationLog: OperationLog = { path: undefined, append: () => undefined, close: async () => undefined };

/** A sortable, readable operation id: `20261122T114800Z-install-labapp`. */
export function operationId(kind: string, deployment: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${kind}-${deployment}`;
}
