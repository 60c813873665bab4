import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../config/atomic-write.js';
import { UserError } from '../errors.js';
import { formatKnownHostsLine, parseKnownHosts, type KnownHostEntry } from './known-hosts.js';

/**
 * The known-hosts files a connection is checked against: the user's (`~/.ssh/known_hosts`, or what
 * `UserKnownHostsFile` names) read only, and homelab-tui's own file, where accepted keys are recorded.
 */
export class KnownHostsStore {
  // Writes to the app file are chained so two hosts accepted at once cannot lose each other's line.
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly userFiles: readonly string[],
    readonly appFile: string,
  ) {}

  /** Every entry of the user files (or `overrideUserFiles`) and the app file, read fresh each time. */
  async entries(overrideUserFiles?: readonly string[]): Promise<KnownHostEntry[]> {
    await this.writing;
    const files = [...(overrideUserFiles ?? this.userFiles), this.appFile];
    const texts = await Promise.all(files.map(readIfPresent));
    return texts.flatMap((text, i) => (text === undefined ? [] : parseKnownHosts(text, files[i] ?? '')));
  }

  /** Appends `key` for `name` to the app file atomically (temp file + rename, mode 0600). */
  async remember(name: string, key: Buffer): Promise<void> {
    const next = this.writing.then(async () => {
      const current = (await readIfPresent(this.appFile)) ?? '';
      const separator = current === '' || current.endsWith('\n') ? '' : '\n';
      await writeFileAtomic(this.appFile, `${current}${separator}${formatKnownHostsLine(name, key)}\n`, 0o600);
    });
    this.writing = next.catch(() => undefined);
    await next;
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(`cannot read known-hosts file ${file}: ${(error as Error).message}`, 'check its permissions');
  }
}
