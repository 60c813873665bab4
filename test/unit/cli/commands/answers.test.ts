import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshConfigDir, runCli } from '../../../support/run-cli.js';

describe('homelab-tui answers (the built CLI)', () => {
  it('writes a commented answers file with every question, which reads back as given', () => {
    const dir = freshConfigDir();
    const run = runCli(dir, ['answers', 'vikunja', '--provider', 'compose', '--set', 'db_type=postgres']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Answers for Vikunja \(vikunja\) on compose\./);
    expect(run.stdout).toMatch(/^public_url:$/m);
    expect(run.stdout).toMatch(/^db_type: postgres$/m);
    expect(run.stdout).toMatch(/^service_secret:$/m);
    expect(run.stdout).toContain('# Leave empty to have a random one generated at install time.');
    const file = join(dir, 'vikunja.yaml');
    writeFileSync(file, run.stdout.replace(/^public_url:$/m, 'public_url: https://tasks.example.com/'));
    const check = runCli(dir, ['answers', 'vikunja', '--provider', 'compose', '--answers', file, '--check', '--json']);
    expect(check.code).toBe(0);
    const data = JSON.parse(check.stdout) as { answers: Record<string, unknown>; origins: Record<string, string>; missing: string[] };
    expect(data.answers).toMatchObject({ public_url: 'https://tasks.example.com/', db_type: 'postgres', db_mode: 'embedded' });
    expect(data.origins.db_type).toBe('file');
    expect(data.missing).toEqual([]);
  });

  it('--check fails with the full list of what is missing (exit 2)', () => {
    const run = runCli(freshConfigDir(), ['answers', 'vikunja', '--provider', 'compose', '--set', 'db_type=mysql', '--set', 'db_mode=existing', '--check']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: 3 answers are missing for vikunja on compose and have no default:\n {2}public_url +Public URL: an http:\/\/ or https:\/\/ URL\n {2}db_host +Database server host: a host name or IPv4 address\n {2}db_password +Database password: any text without line breaks\nhint: give them with --set KEY=VALUE/);
  });

  it('a bad --set names the question, the value and what is allowed (exit 2)', () => {
    const run = runCli(freshConfigDir(), ['answers', 'kavita', '--set', 'port=70000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: --set port: "70000" is not accepted for "port" (Web port on the host): 70000 is not in the allowed range 1 to 65535\n' +
        'hint: "port" (Web port on the host) accepts a port number from 1 to 65535\n',
    );
    expect(runCli(freshConfigDir(), ['answers', 'kavita', '--set', 'prot=80']).stderr).toContain('unknown question "prot"; did you mean "port"?');
  });

  it('a bad answers file is reported with file:line:col and the key (exit 2)', () => {
    const dir = freshConfigDir();
    const file = join(dir, 'kavita.yaml');
    writeFileSync(file, 'timezone: Europe/Berlin\nlibrary_dirs: [/srv/books, relative/path]\n');
    const run = runCli(dir, ['answers', 'kavita', '--answers', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${file}:2:1: library_dirs: the value is not accepted for "library_dirs" (Library folders (mounted read-only)): it is not an absolute path (it must start with /)\n`);
    writeFileSync(file, 'timezone: Europe/Berlin\nlibary_dirs: [/srv/books]\n');
    expect(runCli(dir, ['answers', 'kavita', '--answers', file]).stderr).toContain(`${file}:2:1: libary_dirs: unknown question; did you mean "library_dirs"?`);
    expect(runCli(dir, ['answers', 'kavita', '--answers', join(dir, 'nope.yaml')]).stderr).toContain('does not exist');
  });

  it('--save shows the diff, needs --yes without a terminal, keeps secrets out, and writes a private file', () => {
    const dir = freshConfigDir();
    const refused = runCli(dir, ['answers', 'vikunja', '--save', '--set', 'port=8080']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('Saved answers for vikunja would change:\n+ port: 8080\n');
    expect(refused.stderr).toContain('not saved: confirm with --yes');
    const saved = runCli(dir, ['answers', 'vikunja', '--save', '--yes', '--set', 'port=8080', '--set', 'service_secret=hunter2hunter2']);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain('not saving secret service_secret (add --include-secrets to save them)');
    const path = join(dir, 'answers', 'vikunja.yaml');
    expect(readFileSync(path, 'utf8')).not.toContain('hunter2');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const changed = runCli(dir, ['answers', 'vikunja', '--save', '--yes', '--set', 'port=8081', '--set', 'db_password=pw-pw-pw', '--include-secrets']);
    expect(changed.stdout).toContain('~ port: 8080 → 8081\n+ db_password: ••••\n');
    expect(changed.stdout).not.toContain('pw-pw-pw');
    const reused = JSON.parse(runCli(dir, ['answers', 'vikunja', '--provider', 'compose', '--json']).stdout) as { answers: Record<string, unknown>; origins: Record<string, string> };
    expect(reused.answers.port).toBe(8081);
    expect(reused.origins.port).toBe('saved');
    expect(runCli(dir, ['answers', 'vikunja', '--save', '--yes', '--set', 'port=8081']).stdout).toBe('no changes to the saved answers for vikunja\n');
  });
});
