import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { SshConnectError } from './ssh-errors.js';
import type { SshInteraction } from './interaction.js';

/** A private key ready to sign, and the file it came from (for messages). */
export interface Identity {
  file: string;
  key: ParsedKey;
}

/** The identity files of a target, split into keys usable now and encrypted ones that need a passphrase. */
export interface IdentitySet {
  ready: Identity[];
  encrypted: string[];
  /** Files that could not be used, with why (missing, unreadable, not a key): shown when auth fails. */
  skipped: string[];
}

// What ssh tries when no IdentityFile is configured, in OpenSSH's order of preference.
const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Reads a target's identity files (or the default ones under `home/.ssh`) without asking anything. */
export async function loadIdentities(files: readonly string[], home: string): Promise<IdentitySet> {
  const explicit = files.length > 0;
  const candidates = explicit ? files : DEFAULT_KEYS.map((name) => join(home, '.ssh', name));
  const set: IdentitySet = { ready: [], encrypted: [], skipped: [] };
  for (const file of candidates) {
    const data = await readKeyFile(file);
    if (data === undefined) {
      if (explicit) set.skipped.push(`${file} (missing or unreadable)`);
      continue;
    }
    const parsed = parseFirstKey(data);
    if (parsed instanceof Error) {
      if (/encrypted|passphrase/i.test(parsed.message)) set.encrypted.push(file);
      else set.skipped.push(`${file} (${parsed.message})`);
    } else {
      set.ready.push({ file, key: parsed });
    }
  }
  return set;
}

/**
 * Decrypts an encrypted identity file with a passphrase from the interaction, allowing three tries.
 * Without anyone to ask (the CLI, `--yes`) it fails with a hint rather than waiting for input.
 */
export async function unlockIdentity(file: string, host: string, interaction: SshInteraction): Promise<Identity> {
  const data = await readKeyFile(file);
  if (data === undefined) throw new SshConnectError(`${host}: cannot read identity file ${file}`, 'check the path and its permissions', 'auth-failed', host);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const passphrase = await interaction.askPassphrase({ host, identityFile: file, attempt });
    if (passphrase === undefined) {
      throw new SshConnectError(
        `${host}: identity file ${file} is encrypted and no passphrase can be asked for here`,
        `load it into an ssh-agent first (eval "$(ssh-agent)"; ssh-add ${file}), or use the full-screen app, which asks for it`,
        'auth-failed',
        host,
      );
    }
    const parsed = parseFirstKey(data, passphrase);
    if (!(parsed instanceof Error)) return { file, key: parsed };
  }
  throw new SshConnectError(`${host}: wrong passphrase for ${file} (3 tries)`, 'check the passphrase, or load the key into ssh-agent with ssh-add', 'auth-failed', host);
}

function parseFirstKey(data: Buffer, passphrase?: string): ParsedKey | Error {
  // ssh2 is CommonJS: its named exports are only reachable through the default import.
  const parsed = ssh2.utils.parseKey(data, passphrase);
  if (Array.isArray(parsed)) return parsed[0] ?? new Error('no key in file');
  return parsed;
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}
