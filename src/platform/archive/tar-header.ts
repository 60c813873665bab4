// A minimal POSIX ustar header (512 bytes) for the backup archive's own members: regular files with
// short fixed names (manifest.json, data/0.tar, database.sql). Sizes beyond 8 GiB use the base-256
// form GNU tar and bsdtar read, so an archive stays readable with `tar -tvf`.

export const BLOCK = 512;

const MAX_OCTAL_SIZE = 0o77777777777;

/** One member's header fields as the archive uses them. */
export interface TarEntry {
  name: string;
  size: number;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

function writeSize(block: Buffer, value: number): void {
  if (value <= MAX_OCTAL_SIZE) return writeOctal(block, 124, 12, value);
  block[124] = 0x80;
  let rest = BigInt(value);
  for (let i = 135; i > 124; i -= 1) {
    block[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** The 512-byte header of `entry`. */
export function tarHeader(entry: TarEntry): Buffer {
  if (Buffer.byteLength(entry.name) > 99) throw new Error(`tar member name too long: ${entry.name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(entry.name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, entry.mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeSize(block, entry.size);
  writeOctal(block, 136, 12, entry.mtime);
  block.write('        ', 148, 8, 'ascii');
  block.write('0', 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return block;
}

/** Bytes of zero padding after a member of `size` bytes. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** What a header block says: a member, the end of the archive (a zero block), or not a ustar header. */
export type ParsedHeader = { kind: 'entry'; entry: TarEntry; type: string } | { kind: 'end' } | { kind: 'invalid'; reason: string };

function readNumber(block: Buffer, offset: number, length: number): number | undefined {
  if ((block[offset] ?? 0) & 0x80) {
    let value = 0n;
    for (let i = offset + 1; i < offset + length; i += 1) value = (value << 8n) | BigInt(block[i] ?? 0);
    return Number(value);
  }
  const text = block.toString('ascii', offset, offset + length).replace(/[\0 ]+$/g, '').trim();
  if (!/^[0-7]*$/.test(text)) return undefined;
  return text === '' ? 0 : parseInt(text, 8);
}

/** Parses one header block, checking its checksum and magic. */
export function parseTarHeader(block: Buffer): ParsedHeader {
  if (block.length !== BLOCK) return { kind: 'invalid', reason: 'it ends inside a header (truncated)' };
  if (block.every((b) => b === 0)) return { kind: 'end' };
  if (block.toString('ascii', 257, 262) !== 'ustar') return { kind: 'invalid', reason: 'a member header is not a ustar header' };
  const stored = readNumber(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  if (stored !== sum) return { kind: 'invalid', reason: 'a member header fails its checksum' };
  const size = readNumber(block, 124, 12);
  const mode = readNumber(block, 100, 8);
  const mtime = readNumber(block, 136, 12);
  if (size === undefined || mode === undefined || mtime === undefined) return { kind: 'invalid', reason: 'a member header holds a bad number' };
  const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  return { kind: 'entry', entry: { name, size, mode, mtime }, type: block.toString('ascii', 156, 157) };
}
