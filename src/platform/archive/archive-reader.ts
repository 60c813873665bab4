import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BLOCK, padding, parseTarHeader } from './tar-header.js';
import { parsePartName } from './member-parts.js';

/** A byte range of the archive file. */
export interface ArchiveRange {
  offset: number;
  bytes: number;
}

/** A member found in an archive: its size, where its bytes start, and its parts when it was written in parts (member-parts.ts). */
export interface ArchiveMember extends ArchiveRange {
  name: string;
  parts?: ArchiveRange[];
}

/** The members of an archive, or why it cannot be read as one. */
export type ArchiveListing = { ok: true; members: ArchiveMember[]; size: number } | { ok: false; reason: string };

/** Walks the headers of a ustar archive (seeking past the data), checking each header and the file's end. */
export async function listArchive(path: string): Promise<ArchiveListing> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const members: ArchiveMember[] = [];
    let at = 0;
    const block = Buffer.alloc(BLOCK);
    for (;;) {
      const { bytesRead } = await file.read(block, 0, BLOCK, at);
      if (bytesRead === 0) return { ok: false, reason: members.length ? 'it ends without the end-of-archive blocks (truncated)' : 'it is empty' };
      const header = parseTarHeader(bytesRead === BLOCK ? block : block.subarray(0, bytesRead));
      if (header.kind === 'end') return { ok: true, members, size };
      if (header.kind === 'invalid') return { ok: false, reason: members.length ? header.reason : 'it is not a homelab-tui backup (no tar header at its start)' };
      if (header.type !== '0' && header.type !== '\0') return { ok: false, reason: `member ${JSON.stringify(header.entry.name)} is not a regular file` };
      const offset = at + BLOCK;
      if (offset + header.entry.size > size) return { ok: false, reason: `member ${JSON.stringify(header.entry.name)} is cut short (the archive is truncated)` };
      const problem = addEntry(members, header.entry.name, { offset, bytes: header.entry.size });
      if (problem) return { ok: false, reason: problem };
      at = offset + header.entry.size + padding(header.entry.size);
    }
  } finally {
    await file.close();
  }
}

/** Adds an entry to the members: a whole member, or the next part of the last one; why not, when its parts are out of order. */
function addEntry(members: ArchiveMember[], entry: string, range: ArchiveRange): string | undefined {
  const part = parsePartName(entry);
  if (!part) {
    members.push({ name: entry, ...range });
    return undefined;
  }
  const last = members.at(-1);
  const expected = last?.name === part.name && last.parts ? last.parts.length : 0;
  if (part.index !== expected) return `member ${JSON.stringify(part.name)} has part ${part.index} where part ${expected} belongs (the archive is damaged)`;
  if (expected === 0 || !last?.parts) members.push({ name: part.name, ...range, parts: [range] });
  else {
    last.parts.push(range);
    last.bytes += range.bytes;
  }
  return undefined;
}

function rangeStream(path: string, range: ArchiveRange): Readable {
  if (range.bytes === 0) return createReadStream(path, { start: 1, end: 0 });
  return createReadStream(path, { start: range.offset, end: range.offset + range.bytes - 1, highWaterMark: 1 << 20 });
}

/** A member's bytes as a stream, its parts joined (read from the file, never held whole). */
export function memberStream(path: string, member: ArchiveMember): Readable {
  const { parts } = member;
  if (!parts) return rangeStream(path, member);
  return Readable.from(
    (async function* () {
      for (const part of parts) yield* rangeStream(path, part);
    })(),
    { objectMode: false },
  );
}

/** The sha256 (hex) of a member's bytes. */
export async function hashMember(path: string, member: ArchiveMember, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of memberStream(path, member)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
  }
  return hash.digest('hex');
}

/** A small member read as text (the manifest). */
export async function readMemberText(path: string, member: ArchiveMember, limit: number): Promise<string | undefined> {
  if (member.bytes > limit) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of memberStream(path, member)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The sha256 (hex) of a whole file. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
