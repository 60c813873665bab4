import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';

/**
 * The largest config or answers file read (hosts.yaml, settings.yaml, answers files): real ones are a
 * few KiB (an inventory of a thousand hosts is about 100 KiB). The bound also bounds the YAML parser's
 * time on hostile text: a file full of syntax errors costs it seconds per 100 KiB.
 */
export const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * Reads a config or answers file as text, or undefined when it does not exist and `missingOk`.
 * Anything else that is not a readable, regular, UTF-8 file of at most MAX_CONFIG_BYTES is a UserError
 * naming the file (never its content). The file is opened non-blocking, so a FIFO never hangs the
 * program, and checked again after opening (it may have been swapped in between).
 */
export async function readConfigText(path: string, options: { missingOk: boolean; hint?: string }): Promise<string | undefined> {
  const hint = options.hint ?? 'point it at a regular YAML file you can read';
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.missingOk) return undefined;
    throw new UserError(`cannot read ${path}: ${describeCode(code)}`, hint);
  }
  refuseIrregular(path, info, hint);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new UserError(`cannot read ${path}: ${describeCode((error as NodeJS.ErrnoException).code)}`, hint);
  }
  try {
    refuseIrregular(path, await handle.stat(), hint);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_CONFIG_BYTES) throw tooBig(path);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length)).replace(/^\uFEFF/, '');
    } catch {
      throw new UserError(`${path} is not a text file (it is not valid UTF-8)`, 'a config or answers file is YAML text in UTF-8');
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot read ${path}: ${describeCode((error as NodeJS.ErrnoException).code)}`, hint);
  } finally {
    await handle.close();
  }
}

function refuseIrregular(path: string, info: { isFile(): boolean; isDirectory(): boolean; size: number }, hint: string): void {
  if (info.isDirectory()) throw new UserError(`${path} is a directory, not a file`, hint);
  if (!info.isFile()) throw new UserError(`${path} is not a regular file (a FIFO, socket or device)`, hint);
  if (info.size > MAX_CONFIG_BYTES) throw tooBig(path);
}

function tooBig(path: string): UserError {
  return new UserError(`${path} is larger than ${MAX_CONFIG_BYTES / 1024} KiB, too large for a config or answers file`, 'check that it is the file you meant');
}

function describeCode(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return code ? `error ${code}` : 'an unknown error';
  }
}
