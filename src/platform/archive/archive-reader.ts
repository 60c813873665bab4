import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { BLOCK, padding, parseTarHeader } from './tar-header.js';

/** A member found in an archive: where its bytes start and how many there are. */
export interface ArchiveMember {
  name: string;
  bytes: number;
  offset: number;
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
      members.push({ name: header.entry.name, bytes: header.entry.size, offset });
      at = offset + header.entry.size + padding(header.entry.size);
    }
  } finally {
    await file.close();
  }
}

/** A member's bytes as a stream (read from the file, never held whole). */
export function memberStream(path: string, member: ArchiveMember): Readable {
  if (member.bytes === 0) return createReadStream(path, { start: 1, end: 0 });
  return createReadStream(path, { start: member.offset, end: member.offset + member.bytes - 1, highWaterMark: 1 << 20 });
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
