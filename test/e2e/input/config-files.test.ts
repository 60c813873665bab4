// Hostile config and answers files given to the built CLI: every one is a user error (exit 2) that
// names the file and never prints what is in it, never a stack trace or "this is a bug", never a hang,
// and nothing is written. Runs on this machine only (no lab host is needed to read a config file).
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshConfigDir, runCli, type CliRun } from '../../support/run-cli.js';

/** The user a permission test runs the CLI as when the tests run as root. */
const NOBODY = 65534;

/** What a shadow line looks like: none of it may appear in any message. */
const SECRET = 'root:$6$Xq9saltsalt$hashhashhashhash:19000:0:99999:7:::';
const SECRET_MARKS = /Xq9salt|hashhash|\$6\$/;

function secretFile(): string {
  const dir = freshConfigDir();
  const file = join(dir, 'shadow');
  writeFileSync(file, `${SECRET}\ndaemon:*:19000:0:99999:7:::\n`, { mode: 0o600 });
  return file;
}

function expectRefused(run: CliRun, file: string, what: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(what);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(SECRET_MARKS);
  expect(run.stderr).not.toMatch(/this is a bug|unexpected error|\n\s+at /);
}

/** The three kinds of file and a command that reads each: hosts.yaml, settings.yaml, an answers file. */
const KINDS = [
  { kind: 'hosts.yaml', place: (dir: string) => join(dir, 'hosts.yaml'), args: () => ['hosts', 'list'] },
  { kind: 'settings.yaml', place: (dir: string) => join(dir, 'settings.yaml'), args: () => ['logs', 'nothing-here'] },
  { kind: 'saved answers', place: (dir: string) => join(dir, 'answers', 'kavita.yaml'), args: () => ['answers', 'kavita'] },
  { kind: '--answers file', place: (dir: string) => join(dir, 'given.yaml'), args: (dir: string) => ['answers', 'kavita', '--answers', join(dir, 'given.yaml')] },
] as const;

describe.each(KINDS)('$kind', ({ place, args }) => {
  function setUp(): { dir: string; file: string } {
    const dir = freshConfigDir();
    mkdirSync(join(dir, 'answers'), { recursive: true });
    return { dir, file: place(dir) };
  }

  it('a symlink to a secret file: its lines are never printed', () => {
    const { dir, file } = setUp();
    symlinkSync(secretFile(), file);
    expectRefused(runCli(dir, args(dir)), file, /invalid YAML|unrecognized key|unknown question|maps question ids/);
  });

  it('a 10 MB file is refused by its size, a binary one as not UTF-8', () => {
    const { dir, file } = setUp();
    writeFileSync(file, `a: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
    expectRefused(runCli(dir, args(dir)), file, /larger than 256 KiB/);
    writeFileSync(file, Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x80, 0x0a]));
    expectRefused(runCli(dir, args(dir)), file, /not valid UTF-8/);
  });

  it('an alias bomb and deep nesting end in a clear limit', () => {
    const { dir, file } = setUp();
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    writeFileSync(file, `${levels.join('\n')}\n`);
    expectRefused(runCli(dir, args(dir)), file, /aliases \(\*name\) beyond what is allowed/);
    writeFileSync(file, `a: ${'['.repeat(50_000)}\n`);
    expectRefused(runCli(dir, args(dir)), file, /nested more than 64 levels deep/);
  });

  it('a FIFO, a directory and a device are refused at once (no hang)', () => {
    const { dir, file } = setUp();
    execFileSync('mkfifo', [file]);
    const started = Date.now();
    expectRefused(runCli(dir, args(dir)), file, /not a regular file/);
    expect(Date.now() - started).toBeLessThan(15_000);
    execFileSync('rm', [file]);
    mkdirSync(file);
    expectRefused(runCli(dir, args(dir)), file, /is a directory/);
    execFileSync('rmdir', [file]);
    symlinkSync('/dev/zero', file);
    expectRefused(runCli(dir, args(dir)), file, /not a regular file/);
  });
});

describe('messages about a file name keys, lines and columns, never values', () => {
  it('an unknown key that is not a name is "an unrecognized key at line N"; a wrong value names the key path', () => {
    const dir = freshConfigDir();
    writeFileSync(join(dir, 'hosts.yaml'), `hosts:\n  - name: nas\n    address: 10.0.0.2\n    "${SECRET}": 1\n`);
    const unknown = runCli(dir, ['hosts', 'list']);
    expect(unknown.stderr).toContain(`${join(dir, 'hosts.yaml')}:4:5: hosts[0]: an unrecognized key at line 4`);
    expectRefused(unknown, join(dir, 'hosts.yaml'), /unrecognized key/);
    writeFileSync(join(dir, 'settings.yaml'), `concurrency: "${SECRET}"\n`);
    const wrong = runCli(dir, ['logs', 'x']);
    expect(wrong.stderr).toContain(`${join(dir, 'settings.yaml')}:1:1: concurrency: Invalid input: expected number, received string`);
    expectRefused(wrong, join(dir, 'settings.yaml'), /expected number/);
    const answers = join(dir, 'a.yaml');
    writeFileSync(answers, `timezone: "${SECRET}"\n`);
    const value = runCli(dir, ['answers', 'kavita', '--answers', answers]);
    expect(value.stderr).toContain(`${answers}:1:1: timezone: the value is not accepted for "timezone"`);
    expectRefused(value, answers, /not accepted/);
  });

  it('an unreadable file is a user error', () => {
    const dir = freshConfigDir();
    writeFileSync(join(dir, 'hosts.yaml'), 'hosts: []\n', { mode: 0o000 });
    // Root reads any file, so as root the CLI runs as nobody (65534), who owns the dir but cannot read the file.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(dir, NOBODY, NOBODY);
    expectRefused(runCli(dir, ['hosts', 'list'], {}, asRoot ? NOBODY : undefined), join(dir, 'hosts.yaml'), /permission denied/);
  });
});

describe('a config dir that cannot be written', () => {
  it('hosts add and answers --save are user errors naming the dir; nothing is half-written', () => {
    const dir = freshConfigDir();
    writeFileSync(join(dir, 'hosts.yaml'), 'hosts:\n  - {name: nas, address: 10.0.0.2}\n');
    const readOnly = makeReadOnly(dir);
    try {
      const add = runCli(dir, ['hosts', 'add', 'pi', '--address', '10.0.0.3']);
      expect(add.code, add.stderr).toBe(2);
      expect(add.stderr).toContain(`cannot write in ${dir}:`);
      expect(add.stderr).not.toMatch(/this is a bug|unexpected error/);
      const save = runCli(dir, ['answers', 'kavita', '--set', 'timezone=Europe/Berlin', '--save', '--yes']);
      expect(save.code, save.stderr).toBe(2);
      expect(save.stderr).toContain(`cannot write in ${join(dir, 'answers')}`);
      expect(readdirSync(dir).sort()).toEqual(['hosts.yaml']);
      expect(runCli(dir, ['hosts', 'list']).stdout).toContain('nas');
    } finally {
      readOnly.undo();
    }
  });
});

/** Read-only for real: as root a mode does not stop writes, so bind-mount the dir read-only. */
function makeReadOnly(dir: string): { undo(): void } {
  if (process.getuid?.() !== 0) {
    execFileSync('chmod', ['555', dir]);
    return { undo: () => execFileSync('chmod', ['755', dir]) };
  }
  execFileSync('mount', ['--bind', dir, dir]);
  execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
  return { undo: () => execFileSync('umount', [dir]) };
}

