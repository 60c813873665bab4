import type { Readable } from 'node:stream';
import type { StreamLine } from './command-runner.js';

/**
 * Merges a process's stdout and stderr into one async sequence of whole lines. Both runners use it so
 * local and remote streams split lines the same way (a trailing partial line is flushed at the end).
 */
export class LineQueue implements AsyncIterable<StreamLine> {
  private readonly lines: StreamLine[] = [];
  private waiter: (() => void) | undefined;
  private ended = false;
  private failure: unknown;
  private openSources = 0;
  private stopped = false;

  /** Reads `stream` line by line into the queue; the queue ends when every attached source has ended. */
  attach(stream: Readable, source: StreamLine['source']): void {
    this.openSources++;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (this.stopped) return;
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) this.push({ source, line: part.replace(/\r$/, '') });
    });
    const done = (): void => {
      if (this.stopped) return;
      if (partial) this.push({ source, line: partial.replace(/\r$/, '') });
      partial = '';
      this.openSources--;
      if (this.openSources === 0) this.wake();
    };
    let closed = false;
    const once = (): void => {
      if (!closed) {
        closed = true;
        done();
      }
    };
    stream.once('end', once);
    stream.once('close', once);
    stream.once('error', (error) => this.finish(error));
  }

  push(line: StreamLine): void {
    this.lines.push(line);
    this.wake();
  }

  /**
   * Marks the process finished. The sequence ends once every source has drained and the queued lines
   * are read; `error` is thrown to the reader after them.
   */
  finish(error?: unknown): void {
    this.ended = true;
    if (error !== undefined) this.failure = error;
    this.wake();
  }

  /**
   * Ends the sequence now, without waiting for the sources: for an abort or a dead connection, where the
   * sources may never signal their end. Lines already queued are still read first.
   */
  stop(error?: unknown): void {
    this.stopped = true;
    this.openSources = 0;
    this.finish(error);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamLine> {
    for (;;) {
      const next = this.lines.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.ended && this.openSources === 0) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }
}
