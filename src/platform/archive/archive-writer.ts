import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { BLOCK, padding, tarHeader } from './tar-header.js';

/** A member written into the archive: its name, size and sha256 (hex). */
export interface WrittenMember {
  name: string;
  bytes: number;
  sha256: string;
}

/**
 * Writes a ustar archive to a local file in one pass, streaming each member from its source (never
 * held in memory): a member's header is written with size 0, its bytes follow as they arrive
 * (hashed on the way), then the header is rewritten with the real size. The file is created 0600.
 */
export class ArchiveWriter {
  private offset = 0;

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
    const headerAt = this.offset;
    await this.file.write(tarHeader({ name, size: 0, mode: 0o600, mtime: this.mtime }), 0, BLOCK, headerAt);
    this.offset += BLOCK;
    const hash = createHash('sha256');
    let bytes = 0;
    const put = (chunk: Buffer, done: (error?: Error | null) => void): void => {
      hash.update(chunk);
      const at = this.offset;
      this.offset += chunk.length;
      bytes += chunk.length;
      this.file.write(chunk, 0, chunk.length, at).then(() => {
        onBytes?.(bytes);
        done();
      }, done);
    };
    // An SSH channel delivers chunks of about 32 KiB: the chunks that queue while one write is on
    // disk go out as one write (writev), not one file-system call each.
    const sink = new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _encoding, done) => put(chunk, done),
      writev: (chunks, done) => put(chunks.length === 1 ? (chunks[0]?.chunk as Buffer) : Buffer.concat(chunks.map((c) => c.chunk as Buffer)), done),
    });
    const finished = new Promise<void>((resolve, reject) => {
      sink.once('finish', resolve);
      sink.once('error', reject);
    });
    await fill(sink);
    if (!sink.writableEnded) sink.end();
    await finished;
    await this.file.write(Buffer.alloc(padding(bytes)), 0, padding(bytes), this.offset);
    this.offset += padding(bytes);
    await this.file.write(tarHeader({ name, size: bytes, mode: 0o600, mtime: this.mtime }), 0, BLOCK, headerAt);
    return { name, bytes, sha256: hash.digest('hex') };
  }

  /** Adds a small member from memory. */
  async text(name: string, content: string): Promise<WrittenMember> {
    return this.member(name, async (sink) => {
      sink.end(Buffer.from(content));
    });
  }

  /** Writes the end-of-archive blocks, syncs and closes the file. */
  async finish(): Promise<number> {
    await this.file.write(Buffer.alloc(BLOCK * 2), 0, BLOCK * 2, this.offset);
    this.offset += BLOCK * 2;
    await this.file.sync();
    await this.file.close();
    return this.offset;
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abandon(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}
