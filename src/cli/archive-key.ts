import { UserError } from '../platform/errors.js';
import { readConfigText } from '../platform/config/read-config-file.js';
import { checkRecipients, type ArchiveKey } from '../services/backup/archive-crypto.js';

/** A secret's file: read whole, one trailing newline dropped; never quoted back in a message. */
async function secretFile(path: string, flag: string): Promise<string> {
  const text = (await readConfigText(path, { missingOk: false, hint: `${flag}: point it at a file you can read (mode 0600)` })) ?? '';
  const value = text.replace(/\r?\n$/, '');
  if (value.length === 0) throw new UserError(`${flag}: ${path} is empty`, 'write the passphrase on its first line');
  return value;
}

/** Reads a passphrase from stdin: piped (its first line), or typed on a terminal without echo. */
async function stdinPassphrase(question: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    try {
      return await new Promise<string>((resolve, reject) => {
        let typed = '';
        const onData = (chunk: Buffer): void => {
          for (const char of chunk.toString('utf8')) {
            if (char === '\r' || char === '\n') {
              stdin.off('data', onData);
              process.stderr.write('\n');
              resolve(typed);
              return;
            }
            if (char === '\u0003') {
              stdin.off('data', onData);
              reject(new UserError('no passphrase given (interrupted)', undefined, 1));
              return;
            }
            typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
          }
        };
        stdin.on('data', onData);
      });
    } finally {
      stdin.setRawMode(false);
      stdin.pause();
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

/** `backup --encrypt`: recipients (--recipient age1…), else a passphrase (--passphrase-file, else stdin). Undefined without --encrypt. */
export async function sealingKey(options: Record<string, unknown>): Promise<ArchiveKey | undefined> {
  const recipients = strings(options.recipient);
  const file = typeof options.passphraseFile === 'string' ? options.passphraseFile : undefined;
  if (options.encrypt !== true) {
    if (recipients.length || file) throw new UserError(`${recipients.length ? '--recipient' : '--passphrase-file'} encrypts the archive: add --encrypt`, 'homelab-tui backup NAME --encrypt --recipient age1… (or a passphrase on stdin)');
    return undefined;
  }
  if (recipients.length && file) throw new UserError('--encrypt takes --recipient or a passphrase, not both', 'choose one: recipients can open it with their identity, a passphrase with the passphrase');
  if (recipients.length) {
    await checkRecipients(recipients);
    return { recipients };
  }
  const passphrase = file ? await secretFile(file, '--passphrase-file') : await stdinPassphrase('passphrase for the archive: ');
  if (passphrase.length === 0) throw new UserError('--encrypt: no passphrase given', 'pipe it on stdin, or give --passphrase-file FILE (or --recipient age1…)');
  return { passphrase };
}

/** What opens an encrypted archive: --identity FILE (age identities), else a passphrase (--passphrase-file, else stdin). */
export function openingKey(options: Record<string, unknown>): () => Promise<ArchiveKey> {
  return async () => {
    if (typeof options.identity === 'string') {
      const text = (await readConfigText(options.identity, { missingOk: false, hint: '--identity: point it at an age identity file (age-keygen writes one)' })) ?? '';
      const identities = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('AGE-SECRET-KEY-1'));
      if (identities.length === 0) throw new UserError(`--identity: ${options.identity} holds no age identity`, 'an identity line starts with AGE-SECRET-KEY-1');
      return { identities };
    }
    const passphrase = typeof options.passphraseFile === 'string' ? await secretFile(options.passphraseFile, '--passphrase-file') : await stdinPassphrase('passphrase of the archive: ');
    if (passphrase.length === 0) throw new UserError('the archive is encrypted and no passphrase was given', 'pipe it on stdin, or give --passphrase-file FILE or --identity FILE');
    return { passphrase };
  };
}
