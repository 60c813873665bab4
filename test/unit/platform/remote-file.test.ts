import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../src/platform/errors.js';
import { readRemoteFile, writeRemoteFile } from '../../../src/platform/remote-file.js';
import { LocalRunner } from '../../../src/platform/runner/local-runner.js';

const runner = new LocalRunner();

describe('writeRemoteFile', () => {
  it('writes content byte for byte with an exact mode and leaves no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-rf-'));
    const path = join(dir, 'it has spaces; $(and) `stuff`.env');
    const content = "SECRET='x'\n$(never)\n`never`\n";
    await writeRemoteFile(runner, path, content, 0o600);
    expect(await readFile(path, 'utf8')).toBe(content);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['it has spaces; $(and) `stuff`.env']);
    expect(await readRemoteFile(runner, path)).toBe(content);
  });

  it('replaces an existing file and changes its mode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-rf-'));
    const path = join(dir, 'compose.yaml');
    await writeRemoteFile(runner, path, 'old', 0o600);
    await writeRemoteFile(runner, path, 'new', 0o644);
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });

  it('fails with a CommandError when the directory does not exist', async () => {
    await expect(writeRemoteFile(runner, '/nonexistent-dir-hl/x', 'x')).rejects.toBeInstanceOf(CommandError);
  });

  it('reads a missing file as undefined', async () => {
    expect(await readRemoteFile(runner, '/nonexistent-dir-hl/x')).toBeUndefined();
  });
});
