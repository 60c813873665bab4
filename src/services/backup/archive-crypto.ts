// Optional encryption of a finished archive with age (the age-encryption package, by the format's
// author; no hand-made crypto). age's payload is STREAM: 64 KiB chunks, each sealed on its own, so
// the archive is encrypted and decrypted as a stream, never held whole in memory. The archive itself
// is written by position (each part's header goes in once its size is known, before the bytes after
// it are hashed), so the plain archive is written first (0600, beside the result) and encrypted into
// the result in one more pass.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UserError } from '../../platform/errors.js';

/** What opens (or seals) an archive: a passphrase, age recipients (`age1…`), or age identities (`AGE-SECRET-KEY-1…`). */
export type ArchiveKey = { passphrase: string } | { recipients: string[] } | { identities: string[] };

/** The first line of every age file. */
const AGE_MAGIC = 'age-encryption.org/v1\n';

/** The extension an encrypted archive gets after `.tar`. */
export const ENCRYPTED_EXT = '.age';

/** True when the file starts with age's header line. */
export async function isEncryptedArchive(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return false;
  try {
    const head = Buffer.alloc(AGE_MAGIC.length);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.toString('latin1') === AGE_MAGIC;
  } finally {
    await file.close();
  }
}

type Age = typeof import('age-encryption');

async function age(): Promise<Age> {
  return import('age-encryption');
}

/** Checks recipients before anything is backed up (a typo must not cost a backup). */
export async function checkRecipients(recipients: readonly string[]): Promise<void> {
  const { Encrypter } = await age();
  for (const recipient of recipients) {
    try {
      new Encrypter().addRecipient(recipient);
    } catch {
      throw new UserError(`--recipient: "${recipient}" is not an age recipient`, 'an X25519 recipient starts with age1 (age-keygen -y KEYFILE prints it)');
    }
  }
}

function webStream(path: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
}

/** Streams `from` through `transform`'s output into `to` (created 0600 beside it, renamed when whole). */
async function writeThrough(stream: ReadableStream<Uint8Array>, to: string): Promise<void> {
  const partial = `${to}.partial`;
  try {
    await pipeline(Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Encrypts the archive `from` into `to` with a passphrase or recipients. */
export async function encryptArchive(from: string, to: string, key: ArchiveKey): Promise<void> {
  const { Encrypter } = await age();
  const encrypter = new Encrypter();
  if ('passphrase' in key) encrypter.setPassphrase(key.passphrase);
  else if ('recipients' in key) for (const recipient of key.recipients) encrypter.addRecipient(recipient);
  else throw new UserError('an archive is encrypted for a passphrase or recipients, not identities');
  await writeThrough(await encrypter.encrypt(webStream(from)), to);
}

/** A passphrase or identity that does not open the archive (nothing was written): asked again, not a failure. */
export class WrongArchiveKey extends UserError {}

/**
 * Decrypts the archive `from` into `to` (0600). A key that does not open it is a UserError saying
 * so before anything is written; a damaged chunk fails the stream (and `to` is not left behind).
 */
export async function decryptArchive(from: string, to: string, key: ArchiveKey): Promise<void> {
  const { Decrypter } = await age();
  const decrypter = new Decrypter();
  if ('passphrase' in key) decrypter.addPassphrase(key.passphrase);
  else if ('identities' in key) for (const identity of key.identities) decrypter.addIdentity(identity);
  else throw new UserError('an encrypted archive is opened with a passphrase or an identity file');
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await decrypter.decrypt(webStream(from));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no identity matched|incorrect passphrase|scrypt/i.test(message)) {
      throw new WrongArchiveKey(`${from}: the ${'passphrase' in key ? 'passphrase' : 'identity'} given does not open it`, 'nothing was changed; give the passphrase or identity it was encrypted with', 1);
    }
    throw new UserError(`${from}: its age header is damaged (${message})`, 'nothing was changed', 1);
  }
  try {
    await writeThrough(plain, to);
  } catch (error) {
    throw new UserError(`${from}: it does not decrypt whole (${error instanceof Error ? error.message : String(error)}; the archive is damaged or truncated)`, 'nothing was changed', 1);
  }
}

/** A decrypted copy's name: `.<archive>.<pid>.decrypted.tar`, the pid of the process that made it. */
const PLAIN_COPY = /^\..+\.(\d+)\.decrypted\.tar$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the decrypted copies in `scratchDir` that a process which is gone left behind (killed, or
 * the app quit while its restore question was still open): a plain copy of an encrypted archive must
 * not outlive the command that needed it. Returns the names removed.
 */
export async function sweepPlainCopies(scratchDir: string): Promise<string[]> {
  const names = await readdir(scratchDir).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = Number(PLAIN_COPY.exec(name)?.[1] ?? Number.NaN);
    return Number.isInteger(pid) && pid !== process.pid && !alive(pid);
  });
  await Promise.all(stale.map((name) => rm(join(scratchDir, name), { force: true })));
  return stale;
}

/**
 * Where the decrypted copy of `path` goes in `scratchDir` (made 0700; a copy left by this process
 * before, and any a process that is gone left, are removed).
 */
export async function plainCopyPath(path: string, scratchDir: string): Promise<string> {
  await mkdir(scratchDir, { recursive: true, mode: 0o700 });
  await sweepPlainCopies(scratchDir);
  const plain = join(scratchDir, `.${basename(path)}.${process.pid}.decrypted.tar`);
  await rm(plain, { force: true });
  return plain;
}

/**
 * Runs `work` on the plain archive: `path` itself, or, when it is encrypted, a decrypted copy in
 * `scratchDir` (0600, removed afterwards whatever happens). `key` is asked for only when needed.
 */
export async function withPlainArchive<T>(path: string, scratchDir: string, key: () => Promise<ArchiveKey>, work: (plain: string) => Promise<T>): Promise<T> {
  if (!(await isEncryptedArchive(path))) return work(path);
  const plain = await plainCopyPath(path, scratchDir);
  try {
    await decryptArchive(path, plain, await key());
    return await work(plain);
  } finally {
    await rm(plain, { force: true });
  }
}
