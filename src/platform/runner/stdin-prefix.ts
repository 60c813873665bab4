import { Readable } from 'node:stream';

/**
 * What a piped command reads: the command's own `stdin` first (a password line, say), then the
 * source's bytes, streamed with backpressure. No `stdin` of its own: the source as it is.
 */
export function withStdinPrefix(stdin: string | Uint8Array | undefined, source: NodeJS.ReadableStream): Readable {
  const readable = source instanceof Readable ? source : Readable.from(source);
  if (stdin === undefined || stdin.length === 0) return readable;
  const first = typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : Buffer.from(stdin);
  return Readable.from(
    (async function* () {
      yield first;
      for await (const chunk of readable) yield chunk as Buffer;
    })(),
    { objectMode: false },
  );
}
