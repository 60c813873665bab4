// Fuzz: hosts.yaml, settings.yaml and answers files (given and saved) full of random and hostile
// content, each read by the built CLI. Every run must end in exit 2 with a message that names the
// file and holds nothing from it, no crash or stack trace, no hang, and no file written in the config
// dir. HOMELAB_TUI_FUZZ_RUNS raises the number of runs (the default keeps this near a minute on a
// loaded 2-core machine); a failure prints the seed to replay with.
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshConfigDir, type CliRun } from '../../support/run-cli.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const RUNS = Number(process.env.HOMELAB_TUI_FUZZ_RUNS ?? 24);
const KiB = 1024;

/** Where a file goes and the command that reads it. */
const TARGETS = {
  hosts: { file: (dir: string) => join(dir, 'hosts.yaml'), args: (_dir: string) => ['hosts', 'list'] },
  settings: { file: (dir: string) => join(dir, 'settings.yaml'), args: (_dir: string) => ['logs', 'nothing-here'] },
  answers: { file: (dir: string) => join(dir, 'given.yaml'), args: (dir: string) => ['answers', 'kavita', '--answers', join(dir, 'given.yaml')] },
  saved: { file: (dir: string) => join(dir, 'answers', 'kavita.yaml'), args: (_dir: string) => ['answers', 'kavita'] },
} as const;
type Target = keyof typeof TARGETS;

/** A secret-looking value that must never be printed: a shadow hash around a random token. */
const token = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((t) => `Zq${t}`);
const secretOf = (t: string) => `root:$6$${t}$${t}:19000:0:99999:7:::`;

/** What goes into the file: text or bytes, or a special file. Every content is invalid for every target. */
type Content = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'big'; size: number } | { kind: 'symlink-to-secret' } | { kind: 'fifo' } | { kind: 'directory' };

function contentFor(target: Target, t: string): fc.Arbitrary<Content> {
  const secret = secretOf(t);
  const text = (a: fc.Arbitrary<string>) => a.map((s): Content => ({ kind: 'text', text: s }));
  // A value of the wrong type under a real key: every key takes numbers, objects, names or paths.
  const wrongType = {
    hosts: fc.constantFrom(`hosts:\n  - name: nas\n    address: "${secret}"\n`, `hosts:\n  - name: nas\n    address: nas.lan\n    user: "${secret}"\n`, `hosts:\n  - {name: nas, address: nas.lan, tags: ["${secret}"]}\n`, `hosts: "${secret}"\n`),
    settings: fc.constantFrom(`refreshSeconds: "${secret}"\n`, `compose:\n  projectRoot: "${secret}"\n`, `proxmoxLxc:\n  sshPublicKeys: ["${secret}"]\n`, `compose: {tools: {"${secret}": [a]}}\n`),
    answers: fc.constantFrom(`port: "${secret}"\n`, `library_dirs: ["${secret}"]\n`, `puid: [${t}]\n`, `timezone: "${secret}"\n`),
    saved: fc.constantFrom(`port: "${secret}"\n`, `library_dirs: ["${secret}"]\n`, `pgid: {${t}: 1}\n`, `timezone: "${secret}"\n`),
  }[target];
  return fc.oneof(
    // Random text and random bytes after a first line that is the secret (never a comment, never valid).
    text(fc.string({ unit: 'binary', maxLength: 400 }).map((s) => `${secret}${s}`)),
    fc.uint8Array({ maxLength: 600 }).map((b): Content => ({ kind: 'bytes', bytes: Buffer.concat([Buffer.from(secret), Buffer.from(b)]) })),
    // Random structures with the secret as a key and as values.
    text(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })).map((o) => `"${secret}": ${JSON.stringify(o)}\n${Object.keys(o).length ? `other: ${JSON.stringify(o)}\n` : ''}`)),
    text(wrongType),
    // An alias bomb: width^depth leaves from a few lines.
    text(fc.tuple(fc.integer({ min: 10, max: 30 }), fc.integer({ min: 3, max: 9 })).map(([width, depth]) => {
      const lines = [`l0: &l0 ["${secret}"]`];
      for (let i = 1; i <= depth; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
      return `${lines.join('\n')}\n`;
    })),
    // Deep nesting, flow or block.
    text(fc.tuple(fc.integer({ min: 65, max: 30_000 }), fc.constantFrom('[', '{a: ', '- ')).map(([depth, open]) =>
      open === '- ' ? Array.from({ length: Math.min(depth, 700) }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + `"${secret}"\n` : `${open.repeat(depth)}"${secret}"\n`,
    )),
    // What the parser is slow on: floods of anchors, tags or indicators on one line.
    text(fc.tuple(fc.integer({ min: 1_001, max: 80_000 }), fc.constantFrom('&a ', '!t ', '- ', '? ', '"k": ')).map(([count, unit]) => `${unit.repeat(count)}"${secret}"\n`)),
    // Too big: the secret, then padding past 256 KiB (made when placed, so a failure does not print it).
    fc.integer({ min: 256 * KiB + 1, max: 3 * 1024 * KiB }).map((size): Content => ({ kind: 'big', size })),
    fc.constantFrom<Content>({ kind: 'symlink-to-secret' }, { kind: 'fifo' }, { kind: 'directory' }),
  );
}

/** Every file under dir with its size and mtime: what a run must leave as it was. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const info = lstatSync(path);
      out.push(`${path} ${info.isDirectory() ? 'dir' : `${info.size} ${info.mtimeMs}`}`);
      if (info.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

function runCliAsync(configDir: string, args: string[]): Promise<CliRun & { timedOut: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', HOME: configDir } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 30_000);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut });
    });
  });
}

function place(dir: string, file: string, content: Content, t: string): void {
  mkdirSync(join(dir, 'answers'), { recursive: true });
  switch (content.kind) {
    case 'text':
      return writeFileSync(file, content.text);
    case 'bytes':
      return writeFileSync(file, content.bytes);
    case 'big':
      return writeFileSync(file, `${secretOf(t)}: "${'x'.repeat(content.size)}"\n`);
    case 'symlink-to-secret': {
      const secretDir = freshConfigDir();
      writeFileSync(join(secretDir, 'shadow'), `${secretOf(t)}\nbin:*:19000:0:99999:7:::\n`, { mode: 0o600 });
      return symlinkSync(join(secretDir, 'shadow'), file);
    }
    case 'fifo':
      execFileSync('mkfifo', [file]);
      return;
    case 'directory':
      mkdirSync(file);
      return;
  }
}

describe('config and answers files, fuzzed', () => {
  it(`every hostile file ends in exit 2 naming it, nothing from it printed, nothing written (${RUNS} runs)`, async () => {
    const cases = fc.constantFrom<Target>('hosts', 'settings', 'answers', 'saved').chain((target) => token.chain((t) => contentFor(target, t).map((content) => ({ target, t, content }))));
    await fc.assert(
      fc.asyncProperty(cases, async ({ target, t, content }) => {
        const dir = freshConfigDir();
        try {
          const file = TARGETS[target].file(dir);
          place(dir, file, content, t);
          const before = snapshot(dir);
          const run = await runCliAsync(dir, TARGETS[target].args(dir));
          const shown = `${run.stdout}${run.stderr}`;
          expect(run.timedOut, 'the CLI hung').toBe(false);
          expect(run.code, run.stderr).toBe(2);
          expect(run.stderr.startsWith('error: '), run.stderr).toBe(true);
          expect(run.stderr).toContain(file);
          expect(shown).not.toContain(t);
          expect(shown).not.toMatch(/this is a bug|unexpected error|internal error|\n\s+at |Error:/);
          expect(snapshot(dir)).toEqual(before);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
