import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { BLOCK, padding, tarHeader } from './tar-header.js';
import { PART_BYTES, partName } from './member-parts.js';

/** Bytes written between two flushes to disk started in the background (the last sync then has little left). */
const FLUSH_EVERY = 256 * 1024 * 1024;

/** A member written into the archive: its name, size and sha256 (hex). */
export interface WrittenMember {
  name: string;
  bytes: number;
  sha256: string;
}

/** The finished archive: its size and the sha256 (hex) of the whole file. */
export interface FinishedArchive {
  bytes: number;
  sha256: string;
}

/**
 * Writes a ustar archive to a local file in one pass, streaming each member from its source, and
 * hashes the whole file on the way (no second read). A member whose size is not known before it ends
 * goes in parts of PART_BYTES (`name.000000`, `name.000001`…, see member-parts.ts): a part's header is
 * written once its size is known and its bytes are kept until then (at most PART_BYTES in memory), so
 * no header is rewritten after the file's hash has passed it. A member that ends within one part is
 * one entry under its own name. The file is created 0600; it is flushed to disk in the background as
 * it grows, so closing it has little left to sync.
 */
export class ArchiveWriter {
  private offset = 0;
  private readonly whole = createHash('sha256');
  private unflushed = 0;
  private flushing: Promise<void> | undefined;

  private constructor(
    private readonly file: FileHandle,
    private readonly mtime: number,
  ) {}

  static async create(path: string, mtimeSeconds: number): Promise<ArchiveWriter> {
    return new ArchiveWriter(await open(path, 'wx', 0o600), mtimeSeconds);
  }

  /**
   * Starts member `name`; `fill` writes its bytes into the given stream and resolves when done
   * (the stream is ended here). Returns the member's size and hash.
   */
  async member(name: string, fill: (sink: Writable) => Promise<void>, onBytes?: (bytes: number) => void): Promise<WrittenMember> {
    const hash = createHash('sha256');
    let bytes = 0;
    // The part being filled: where its header goes, and its bytes (on disk after it, kept for the file's hash).
    let slot: number | undefined;
    let kept: Buffer[] = [];
    let partBytes = 0;
    let parts = 0;
    const closePart = async (entryName: string): Promise<void> => {
      const header = tarHeader({ name: entryName, size: partBytes, mode: 0o600, mtime: this.mtime });
      await this.file.write(header, 0, BLOCK, slot);
      const pad = padding(partBytes);
      await this.file.write(Buffer.alloc(pad), 0, pad, this.offset);
      this.whole.update(header);
      for (const chunk of kept) this.whole.update(chunk);
      this.whole.update(Buffer.alloc(pad));
      this.offset += pad;
      parts += 1;
      slot = undefined;
      kept = [];
      partBytes = 0;
    };
    const put = async (chunks: Buffer[]): Promise<void> => {
      let batch: Buffer[] = [];
      let batchAt = this.offset;
      const flushBatch = async () => {
        await this.writeAll(batch, batchAt);
        batch = [];
      };
      for (let chunk of chunks) {
        while (chunk.length > 0) {
          if (partBytes === PART_BYTES) {
            await flushBatch();
            await closePart(partName(name, parts));
          }
          if (slot === undefined) {
            slot = this.offset;
            this.offset += BLOCK;
            batchAt = this.offset;
          }
          const piece = chunk.length > PART_BYTES - partBytes ? chunk.subarray(0, PART_BYTES - partBytes) : chunk;
          chunk = chunk.subarray(piece.length);
          hash.update(piece);
          batch.push(piece);
          kept.push(piece);
          partBytes += piece.length;
          this.offset += piece.length;
          bytes += piece.length;
        }
      }
      await flushBatch();
      onBytes?.(bytes);
    };
    // An SSH channel delivers chunks of about 32 KiB: the chunks that queue while one write is on
    // disk go out as one gathered write (writev, no copy into one buffer), not one call each.
    const sink = new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _encoding, done) => put([chunk]).then(() => done(), done),
      writev: (chunks, done) => put(chunks.map((c) => c.chunk as Buffer)).then(() => done(), done),
    });
    const finished = new Promise<void>((resolve, reject) => {
      sink.once('finish', resolve);
      sink.once('error', reject);
    });
    await fill(sink);
    if (!sink.writableEnded) sink.end();
    await finished;
    if (slot === undefined && parts === 0) {
      // Nothing came: an empty member, one header.
      slot = this.offset;
      this.offset += BLOCK;
    }
    if (slot !== undefined) await closePart(parts === 0 ? name : partName(name, parts));
    return { name, bytes, sha256: hash.digest('hex') };
  }

  /** Writes buffers one after the other from `at`, all of them (a short gathered write goes on). */
  private async writeAll(chunks: Buffer[], at: number): Promise<void> {
    let rest = chunks;
    let position = at;
    while (rest.length > 0) {
      let { bytesWritten } = await this.file.writev(rest, position);
      position += bytesWritten;
      this.flushSoon(bytesWritten);
      const left: Buffer[] = [];
      for (const chunk of rest) {
        if (bytesWritten >= chunk.length) bytesWritten -= chunk.length;
        else {
          left.push(bytesWritten > 0 ? chunk.subarray(bytesWritten) : chunk);
          bytesWritten = 0;
        }
      }
      rest = left;
    }
  }

  /** Starts a flush to disk in the background every FLUSH_EVERY bytes (one at a time; close() syncs and reports). */
  private flushSoon(written: number): void {
    this.unflushed += written;
    if (this.flushing || this.unflushed < FLUSH_EVERY) return;
    this.unflushed = 0;
    this.flushing = this.file.datasync().then(
      () => void (this.flushing = undefined),
      () => void (this.flushing = undefined),
    );
  }

  /** Adds a small member from memory. */
  async text(name: string, content: string): Promise<WrittenMember> {
    return this.member(name, async (sink) => {
      sink.end(Buffer.from(content));
    });
  }

  /** Writes the end-of-archive blocks, syncs and closes the file. */
  async finish(): Promise<FinishedArchive> {
    const done = await this.end();
    await this.close();
    return done;
  }

  /** Writes the end-of-archive blocks: the file's bytes are final; its size and sha256. */
  async end(): Promise<FinishedArchive> {
    const trailer = Buffer.alloc(BLOCK * 2);
    await this.file.write(trailer, 0, trailer.length, this.offset);
    this.whole.update(trailer);
    this.offset += trailer.length;
    return { bytes: this.offset, sha256: this.whole.digest('hex') };
  }

  /** Syncs the file to disk and closes it. */
  async close(): Promise<void> {
    await this.flushing;
    await this.file.sync();
    await this.file.close();
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abandon(): Promise<void> {
    await this.flushing;
    await this.file.close().catch(() => undefined);
  }
}
