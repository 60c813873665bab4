import { Readable } from 'node:stream';
import { splitKeys } from './key-splitter.js';

/**
 * The terminal's input as Ink should read it: one key per read, with a turn of the event loop between
 * keys so React renders in between. Ink handles every key of one read against the same render, so a
 * text field that gets "x", Backspace, Backspace in one read deletes once; pacing makes each key see
 * the result of the one before. Raw mode and ref/unref go to the real terminal.
 */
export function pacedStdin(tty: NodeJS.ReadStream): PacedStdin {
  const queue: string[] = [];
  let draining = false;
  let listening = false;
  let held = false;
  const stream = new Readable({ read: () => undefined, encoding: 'utf8' });
  const drain = (): void => {
    const key = queue.shift();
    if (key === undefined) {
      draining = false;
      return;
    }
    stream.push(key);
    setImmediate(drain);
  };
  const onData = (chunk: Buffer | string): void => {
    queue.push(...splitKeys(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };
  const paced = Object.assign(stream, {
    isTTY: tty.isTTY,
    setRawMode(mode: boolean) {
      tty.setRawMode(mode);
      if (mode && !listening) {
        listening = true;
        if (!held) tty.on('data', onData);
      } else if (!mode && listening) {
        listening = false;
        tty.off('data', onData);
        tty.pause();
      }
      return paced;
    },
    hold() {
      if (held) return () => undefined;
      held = true;
      tty.off('data', onData);
      return () => {
        held = false;
        // Whoever had the terminal may have paused it and changed its mode: the app's raw reading again.
        if (listening) {
          tty.setRawMode(true);
          tty.on('data', onData);
          tty.resume();
        }
      };
    },
    ref() {
      tty.ref();
      return paced;
    },
    unref() {
      tty.unref();
      return paced;
    },
  });
  return paced as unknown as PacedStdin;
}

/** The app's input, which can be held: no key reaches the app until the returned release is called. */
export type PacedStdin = NodeJS.ReadStream & { hold(): () => void };
