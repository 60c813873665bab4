// Issue 15, `backup --encrypt` on the lab's Docker host through the built CLI: a passphrase on stdin or
// in a file, or an age recipient; `backups verify` and `restore` detect the age file and decrypt it
// (streamed, into a 0600 scratch copy removed afterwards); a wrong passphrase is refused with the
// reason and nothing on the host changes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir, onHost } from '../compose/compose-lab.js';
import { labCli } from '../../support/lab-cli.js';

const NAME = 'bk-enc';
const PORT = 18252;
const DATA = `/srv/${NAME}/data`;
const FILE = `${DATA}/payload.bin`;
const PASSPHRASE = 'tall-lamp-quiet-river-42';
let configDir = '';
let dir = '';
let sealed = '';
let before = '';

const sha = async (path: string) => (await onHost('docker', `sha256sum ${path}`)).split(' ')[0] ?? '';

beforeAll(async () => {
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 30\n');
  dir = mkdtempSync(join(tmpdir(), 'hl-enc-'));
  await cli(configDir, ['uninstall', NAME, '--host', 'docker', '--purge', '--yes']);
  await onHost('docker', `rm -rf /srv/${NAME}`);
  const run = await cli(configDir, ['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `data_dir=${DATA}`, '--yes']);
  expect(run.code, run.stderr).toBe(0);
  await onHost('docker', `head -c 2000000 /dev/urandom > ${FILE}`);
  before = await sha(FILE);
}, 300_000);

afterAll(async () => {
  await cli(configDir, ['uninstall', NAME, '--host', 'docker', '--purge', '--yes']);
  await onHost('docker', `rm -rf /srv/${NAME}`);
  rmSync(dir, { recursive: true, force: true });
});

describe('encrypted backups', () => {
  it('backup --encrypt with the passphrase on stdin writes a 0600 age file and no plain archive', async () => {
    const run = await labCli(configDir, ['backup', NAME, '--host', 'docker', '--to', dir, '--encrypt', '--json'], {}, `${PASSPHRASE}\n`);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { archive: string; bytes: number; sha256: string; encrypted: boolean };
    sealed = result.archive;
    expect(sealed).toMatch(new RegExp(`/${NAME}-\\d{8}T\\d{6}Z\\.tar\\.age$`));
    expect(result.encrypted).toBe(true);
    expect(statSync(sealed).mode & 0o777).toBe(0o600);
    expect(result.bytes).toBe(statSync(sealed).size);
    expect(result.sha256).toBe(execFileSync('sha256sum', [sealed], { encoding: 'utf8' }).split(' ')[0]);
    expect(execFileSync('head', ['-c', '22', sealed], { encoding: 'utf8' })).toBe('age-encryption.org/v1\n');
    expect(readdirSync(dir)).toEqual([sealed.split('/').pop()]);
    expect(run.stdout + run.stderr).not.toContain(PASSPHRASE);
  }, 120_000);

  it('backups verify and list know it; a wrong passphrase is refused with the reason', async () => {
    const good = await labCli(configDir, ['backups', 'verify', sealed], {}, `${PASSPHRASE}\n`);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('ok (1 members match their sha256)');
    const wrong = await labCli(configDir, ['backups', 'verify', sealed], {}, 'not-the-passphrase\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the passphrase given does not open it');
    const none = await cli(configDir, ['backups', 'verify', sealed]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('the archive is encrypted and no passphrase was given');
    const list = await cli(configDir, ['backups', 'list', NAME, '--dir', dir]);
    expect(list.stdout).toContain(`${sealed}  ${NAME}, encrypted (age)`);
  }, 120_000);

  it('restore with a wrong passphrase changes nothing; with the right one (from a file) the data is back', async () => {
    await onHost('docker', `echo changed > ${FILE}`);
    const changed = await sha(FILE);
    const wrong = await labCli(configDir, ['restore', sealed, '--host', 'docker', '--yes'], {}, 'not-the-passphrase\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the passphrase given does not open it');
    expect(wrong.stderr).toContain('nothing was changed');
    expect(await sha(FILE)).toBe(changed);
    const file = join(dir, 'pass.txt');
    writeFileSync(file, `${PASSPHRASE}\n`, { mode: 0o600 });
    const run = await cli(configDir, ['restore', sealed, '--host', 'docker', '--passphrase-file', file, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`restored ${NAME} on docker from ${sealed}`);
    expect(await sha(FILE)).toBe(before);
    // No decrypted copy is left in the backups dir.
    const scratch = join(configDir, 'state', 'backups');
    expect(readdirSync(scratch).filter((f) => f.includes('decrypted'))).toEqual([]);
  }, 300_000);

  it('--recipient: only its identity opens it; a bad recipient or --recipient without --encrypt is refused before any backup', async () => {
    const identity = await generateIdentity();
    const run = await cli(configDir, ['backup', NAME, '--host', 'docker', '--to', dir, '--encrypt', '--recipient', await identityToRecipient(identity), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { archive } = JSON.parse(run.stdout) as { archive: string };
    const idFile = join(dir, 'key.txt');
    writeFileSync(idFile, `# created for the test\n${identity}\n`, { mode: 0o600 });
    const verified = await cli(configDir, ['backups', 'verify', archive, '--identity', idFile]);
    expect(verified.code, verified.stderr).toBe(0);
    const other = join(dir, 'other.txt');
    writeFileSync(other, `${await generateIdentity()}\n`, { mode: 0o600 });
    const refused = await cli(configDir, ['backups', 'verify', archive, '--identity', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the identity given does not open it');
    const count = readdirSync(dir).length;
    const bad = await cli(configDir, ['backup', NAME, '--host', 'docker', '--to', dir, '--encrypt', '--recipient', 'age1nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--recipient: "age1nope" is not an age recipient');
    const bare = await cli(configDir, ['backup', NAME, '--host', 'docker', '--to', dir, '--recipient', await identityToRecipient(identity)]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--recipient encrypts the archive: add --encrypt');
    expect(readdirSync(dir).length).toBe(count);
  }, 300_000);
});
