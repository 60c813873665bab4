import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pacedStdin } from '../../../src/cli/paced-stdin.js';

/** A stand-in terminal: a stream with the raw-mode calls Ink makes, recording them. */
function fakeTty() {
  const stream = new PassThrough();
  const calls: string[] = [];
  return Object.assign(stream, {
    isTTY: true,
    calls,
    setRawMode: (mode: boolean) => void calls.push(`raw ${mode}`),
  }) as unknown as NodeJS.ReadStream & { calls: string[]; write(text: string): boolean };
}

describe('pacedStdin', () => {
  it('hands over one key per read, each on its own turn of the event loop', async () => {
    const tty = fakeTty();
    const paced = pacedStdin(tty);
    paced.setRawMode(true);
    const reads: { key: string; turn: number }[] = [];
    let turn = 0;
    const ticker = setInterval(() => turn++, 0);
    paced.on('readable', () => {
      let chunk: string | null;
      while ((chunk = paced.read() as string | null) !== null) reads.push({ key: chunk, turn });
    });
    tty.write('ab\u007f\u007f\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(ticker);
    expect(reads.map((r) => r.key)).toEqual(['ab', '\u007f', '\u007f', '\r']);
    expect(new Set(reads.map((r) => r.turn)).size).toBeGreaterThan(1);
    expect(tty.calls).toEqual(['raw true']);
  });

  it('stops reading the terminal when raw mode is switched off', async () => {
    const tty = fakeTty();
    const paced = pacedStdin(tty);
    paced.setRawMode(true);
    paced.setRawMode(false);
    const reads: string[] = [];
    paced.on('readable', () => {
      let chunk: string | null;
      while ((chunk = paced.read() as string | null) !== null) reads.push(chunk);
    });
    tty.write('x');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads).toEqual([]);
    expect(tty.calls).toEqual(['raw true', 'raw false']);
  });

  it('held, passes no key to the app; released, reads again in raw mode even if the borrower paused the terminal', async () => {
    const tty = fakeTty();
    const paced = pacedStdin(tty);
    paced.setRawMode(true);
    const reads: string[] = [];
    paced.on('readable', () => {
      let chunk: string | null;
      while ((chunk = paced.read() as string | null) !== null) reads.push(chunk);
    });
    const release = paced.hold();
    const borrowed: string[] = [];
    const borrower = (chunk: Buffer) => void borrowed.push(chunk.toString());
    tty.on('data', borrower);
    tty.write('q');
    await new Promise((resolve) => setTimeout(resolve, 20));
    tty.off('data', borrower);
    tty.pause();
    release();
    tty.write('j');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(borrowed).toEqual(['q']);
    expect(reads).toEqual(['j']);
    expect(tty.calls).toEqual(['raw true', 'raw true']);
  });
});
