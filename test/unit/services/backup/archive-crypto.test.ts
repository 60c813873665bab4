import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { decryptArchive, encryptArchive, isEncryptedArchive, plainCopyPath, sweepPlainCopies, withPlainArchive } from '../../../../src/services/backup/archive-crypto.js';
import { openArchive } from '../../../../src/services/backup/verify-archive.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hl-age-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A plain "archive" larger than several of age's 64 KiB chunks. */
function plainFile(dir: string): { path: string; bytes: Buffer } {
  const bytes = randomBytes(700_000);
  const path = join(dir, 'app-20260101T000000Z.tar');
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('archive encryption with age', () => {
  it('a passphrase: encrypted 0600 as an age file, decrypted back to the same bytes; a wrong passphrase is refused and writes nothing', async () => {
    const dir = tempDir();
    const { path, bytes } = plainFile(dir);
    const sealed = `${path}.age`;
    await encryptArchive(path, sealed, { passphrase: 'correct horse battery' });
    expect(statSync(sealed).mode & 0o777).toBe(0o600);
    expect(await isEncryptedArchive(sealed)).toBe(true);
    expect(await isEncryptedArchive(path)).toBe(false);
    expect(readFileSync(sealed).includes(bytes.subarray(0, 64))).toBe(false);
    const out = join(dir, 'out.tar');
    await expect(decryptArchive(sealed, out, { passphrase: 'wrong horse' })).rejects.toMatchObject({ message: expect.stringContaining('the passphrase given does not open it'), hint: expect.stringContaining('nothing was changed') });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['app-20260101T000000Z.tar', 'app-20260101T000000Z.tar.age']);
    await decryptArchive(sealed, out, { passphrase: 'correct horse battery' });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('a recipient: opened by its identity, not by another; a truncated file fails whole and leaves nothing', async () => {
    const dir = tempDir();
    const { path, bytes } = plainFile(dir);
    const identity = await generateIdentity();
    const sealed = `${path}.age`;
    await encryptArchive(path, sealed, { recipients: [await identityToRecipient(identity)] });
    const out = join(dir, 'out.tar');
    await expect(decryptArchive(sealed, out, { identities: [await generateIdentity()] })).rejects.toThrow('the identity given does not open it');
    await decryptArchive(sealed, out, { identities: [identity] });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    rmSync(out);
    truncateSync(sealed, statSync(sealed).size - 1000);
    await expect(decryptArchive(sealed, out, { identities: [identity] })).rejects.toThrow('it does not decrypt whole');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('opening an encrypted archive without its key says so; withPlainArchive decrypts to a scratch copy and removes it', async () => {
    const dir = tempDir();
    const { path, bytes } = plainFile(dir);
    const identity = await generateIdentity();
    const sealed = `${path}.age`;
    await encryptArchive(path, sealed, { recipients: [await identityToRecipient(identity)] });
    const opened = await openArchive(sealed);
    expect(opened).toMatchObject({ ok: false, reason: expect.stringContaining('it is encrypted (age)') });
    const scratch = join(dir, 'scratch');
    const seen = await withPlainArchive(sealed, scratch, async () => ({ identities: [identity] }), async (plain) => {
      expect(plain.startsWith(scratch)).toBe(true);
      return readFileSync(plain).equals(bytes);
    });
    expect(seen).toBe(true);
    expect(readdirSync(scratch)).toEqual([]);
    let asked = false;
    expect(await withPlainArchive(path, scratch, async () => ((asked = true), { passphrase: 'x' }), async (plain) => plain)).toBe(path);
    expect(asked).toBe(false);
  });

  it('a decrypted copy a process that is gone left behind is removed; those of running processes and other files stay', async () => {
    const dir = tempDir();
    // A pid that was a process and has ended: the child has exited and been reaped.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    expect(Number.isInteger(deadPid) && deadPid > 0).toBe(true);
    const stale = `.app-20260101T000000Z.tar.age.${deadPid}.decrypted.tar`;
    const mine = `.app-20260101T000000Z.tar.age.${process.pid}.decrypted.tar`;
    const others = ['app-20260101T000000Z.tar.age', `.other.tar.age.1.decrypted.tar`, 'notes.decrypted.tar'];
    for (const name of [stale, mine, ...others]) writeFileSync(join(dir, name), 'x');
    expect(await sweepPlainCopies(dir)).toEqual([stale]);
    // pid 1 runs (init); this process's own copy is its own to remove.
    expect(readdirSync(dir).sort()).toEqual([mine, ...others].sort());
    // A new copy sweeps too, and removes this process's earlier copy of the same archive.
    writeFileSync(join(dir, stale), 'x');
    const path = await plainCopyPath(join(dir, 'app-20260101T000000Z.tar.age'), dir);
    expect(path).toBe(join(dir, mine));
    expect(readdirSync(dir).sort()).toEqual([...others].sort());
    expect(await sweepPlainCopies(join(dir, 'absent'))).toEqual([]);
  });
});
