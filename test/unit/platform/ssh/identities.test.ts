import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadIdentities, unlockIdentity } from '../../../../src/platform/ssh/identities.js';
import { cliInteraction } from '../../../../src/platform/ssh/interaction.js';
import { SshConnectError } from '../../../../src/platform/ssh/ssh-errors.js';

function keyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hl-ids-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'plain')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-f', join(dir, 'locked')]);
  writeFileSync(join(dir, 'junk'), 'not a key\n');
  return dir;
}

describe('loadIdentities', () => {
  it('sorts explicit files into ready, encrypted and skipped (with why)', async () => {
    const dir = keyDir();
    const set = await loadIdentities([join(dir, 'plain'), join(dir, 'locked'), join(dir, 'junk'), join(dir, 'absent')], '/nohome');
    expect(set.ready.map((i) => [i.file, i.key.type])).toEqual([[join(dir, 'plain'), 'ssh-ed25519']]);
    expect(set.encrypted).toEqual([join(dir, 'locked')]);
    expect(set.skipped).toHaveLength(2);
    expect(set.skipped[1]).toContain('absent');
  });

  it('uses the default ~/.ssh keys that exist when none is configured, silently skipping the others', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hl-home-'));
    mkdirSync(join(home, '.ssh'));
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', join(home, '.ssh', 'id_rsa')]);
    const set = await loadIdentities([], home);
    expect(set.ready.map((i) => i.file)).toEqual([join(home, '.ssh', 'id_rsa')]);
    expect(set.skipped).toEqual([]);
  });
});

describe('unlockIdentity', () => {
  it('asks for the passphrase, retries after a wrong one, and returns the key', async () => {
    const dir = keyDir();
    const ask = vi.fn().mockResolvedValueOnce('wrong').mockResolvedValueOnce('open sesame');
    const identity = await unlockIdentity(join(dir, 'locked'), 'pve', { confirmNewHostKey: async () => false, askPassphrase: ask });
    expect(identity.key.type).toBe('ssh-ed25519');
    expect(ask).toHaveBeenNthCalledWith(2, { host: 'pve', identityFile: join(dir, 'locked'), attempt: 2 });
  });

  it('fails at once with a hint when nobody can be asked (CLI, --yes)', async () => {
    const dir = keyDir();
    const error = await unlockIdentity(join(dir, 'locked'), 'pve', cliInteraction({ acceptNewHostKey: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshConnectError);
    expect(error).toMatchObject({ reason: 'auth-failed' });
    expect((error as SshConnectError).hint).toContain('ssh-add');
  });

  it('gives up after three wrong passphrases', async () => {
    const dir = keyDir();
    const ask = vi.fn(async () => 'nope');
    await expect(unlockIdentity(join(dir, 'locked'), 'pve', { confirmNewHostKey: async () => false, askPassphrase: ask })).rejects.toThrow(/3 tries/);
    expect(ask).toHaveBeenCalledTimes(3);
  });
});
