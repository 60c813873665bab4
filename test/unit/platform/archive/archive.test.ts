import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveWriter } from '../../../../src/platform/archive/archive-writer.js';
import { hashMember, listArchive, memberStream } from '../../../../src/platform/archive/archive-reader.js';
import { PART_BYTES } from '../../../../src/platform/archive/member-parts.js';
import { parseTarHeader, tarHeader } from '../../../../src/platform/archive/tar-header.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the backup archive (ustar)', () => {
  it('streams members, rewrites their headers with the real size, and GNU tar reads it back byte for byte', async () => {
    const path = join(dir, 'a.tar');
    const writer = await ArchiveWriter.create(path, 1_700_000_000);
    const big = Buffer.alloc(700_001, 7);
    const first = await writer.member('data/0.tar', async (sink) => {
      sink.write(big.subarray(0, 300_000));
      sink.write(big.subarray(300_000));
    });
    await writer.text('manifest.json', '{"x":1}\n');
    const done = await writer.finish();
    expect(done).toEqual({ bytes: statSync(path).size, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') });
    expect(first.bytes).toBe(700_001);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' })).toBe('data/0.tar\nmanifest.json\n');
    expect(execFileSync('tar', ['-xOf', path, 'manifest.json'], { encoding: 'utf8' })).toBe('{"x":1}\n');
    const listing = await listArchive(path);
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    expect(listing.members.map((m) => [m.name, m.bytes])).toEqual([['data/0.tar', 700_001], ['manifest.json', 8]]);
    expect(await hashMember(path, listing.members[0]!)).toBe(first.sha256);
  });

  it('a truncated archive and a file that is not a tar are refused with the reason', async () => {
    const path = join(dir, 't.tar');
    const writer = await ArchiveWriter.create(path, 0);
    await writer.text('data/0.tar', 'x'.repeat(5000));
    await writer.finish();
    truncateSync(path, 3000);
    expect(await listArchive(path)).toEqual({ ok: false, reason: expect.stringMatching(/truncated/) });
    const text = join(dir, 'n.txt');
    execFileSync('sh', ['-c', `printf 'hello' > ${text}`]);
    expect(await listArchive(text)).toEqual({ ok: false, reason: expect.stringMatching(/truncated|not a homelab-tui backup/) });
    expect(readFileSync(text, 'utf8')).toBe('hello');
  });

  it('a header with a wrong checksum is not taken; sizes past 8 GiB round-trip in base-256', () => {
    const header = tarHeader({ name: 'x', size: 9 * 1024 ** 3, mode: 0o600, mtime: 1 });
    const parsed = parseTarHeader(header);
    expect(parsed).toEqual({ kind: 'entry', type: '0', entry: { name: 'x', size: 9 * 1024 ** 3, mode: 0o600, mtime: 1 } });
    header[0] = 'y'.charCodeAt(0);
    expect(parseTarHeader(header)).toEqual({ kind: 'invalid', reason: 'a member header fails its checksum' });
  });

  it('a member past one part goes in parts of PART_BYTES that GNU tar lists and cat joins; the reader joins them, the file hash is the file\'s', async () => {
    const path = join(dir, 'p.tar');
    const writer = await ArchiveWriter.create(path, 1_700_000_000);
    const data = randomBytes(2 * PART_BYTES + 1234);
    // Chunks that straddle the part boundaries, as an SSH channel's would.
    const written = await writer.member('data/0.tar', async (sink) => {
      for (let at = 0; at < data.length; at += 100_003) sink.write(data.subarray(at, at + 100_003));
    });
    const exact = await writer.member('database.sql', async (sink) => void sink.write(data.subarray(0, PART_BYTES)));
    const empty = await writer.member('data/1.tar', async () => undefined);
    await writer.text('manifest.json', '{}\n');
    const done = await writer.finish();
    expect(done.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(written).toEqual({ name: 'data/0.tar', bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    expect(exact.bytes).toBe(PART_BYTES);
    expect(empty.bytes).toBe(0);
    expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' })).toBe('data/0.tar.000000\ndata/0.tar.000001\ndata/0.tar.000002\ndatabase.sql\ndata/1.tar\nmanifest.json\n');
    const out = join(dir, 'x');
    execFileSync('sh', ['-c', `mkdir -p "$1" && tar -xf "$2" -C "$1" && cat "$1"/data/0.tar.* > "$1/joined"`, 'sh', out, path]);
    expect(readFileSync(join(out, 'joined')).equals(data)).toBe(true);
    const listing = await listArchive(path);
    if (!listing.ok) throw new Error(listing.reason);
    expect(listing.members.map((m) => [m.name, m.bytes, m.parts?.length])).toEqual([['data/0.tar', data.length, 3], ['database.sql', PART_BYTES, undefined], ['data/1.tar', 0, undefined], ['manifest.json', 3, undefined]]);
    expect(await hashMember(path, listing.members[0]!)).toBe(written.sha256);
    const chunks: Buffer[] = [];
    for await (const chunk of memberStream(path, listing.members[0]!)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('parts out of order are named as damage', async () => {
    const path = join(dir, 'o.tar');
    const writer = await ArchiveWriter.create(path, 0);
    await writer.text('data/0.tar.000000', 'a');
    await writer.text('data/0.tar.000002', 'b');
    await writer.finish();
    expect(await listArchive(path)).toEqual({ ok: false, reason: 'member "data/0.tar" has part 2 where part 1 belongs (the archive is damaged)' });
  });
});
