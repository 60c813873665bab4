import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Writes a file so readers see the old content or the new, never half of it: a temporary file in the
 * same directory, fsync, then rename. `mode` 0o600 is for anything that may hold a secret. A directory
 * that cannot be written (read-only, permissions, full disk) is a UserError naming it; the old file
 * stays as it was.
 */
export async function writeFileAtomic(path: string, content: string, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A recursive mkdir on a read-only file system says ENOENT; a plain one says why.
    throw unwritable(dir, await mkdir(dir, { mode: 0o700 }).then(() => error, (plain: unknown) => plain));
  }
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'wx', mode);
  } catch (error) {
    throw unwritable(dir, error);
  }
  try {
    await handle.writeFile(content, 'utf8');
    // open() applies the umask; chmod makes the mode exact.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw unwritable(dir, error);
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw unwritable(dir, error, path);
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path is a file',
  EISDIR: 'the file to write is a directory',
};

function unwritable(dir: string, error: unknown, target?: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code ? REASONS[code] : undefined;
  if (!reason) return error;
  return new UserError(
    `cannot write ${target ?? `in ${dir}`}: ${reason}`,
    `nothing was changed; make ${dir} writable (or use --config-dir DIR for another place) and run again`,
  );
}
