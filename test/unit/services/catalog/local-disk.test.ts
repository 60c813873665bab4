import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { checkLocalDisks, filesystemTypeCommand, isNetworkFilesystem, localDiskPaths } from '../../../../src/services/catalog/local-disk.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { shippedRecipe } from '../../../support/catalog.js';

const kavita = await shippedRecipe('kavita');

describe('the local-disk check for SQLite directories', () => {
  it('knows which answers must be on a local disk', () => {
    const { answers } = resolveAnswers(kavita, 'compose', { sets: ['config_dir=/mnt/nas/kavita'] });
    expect(localDiskPaths(kavita, 'compose', answers)).toEqual([
      { questionId: 'config_dir', label: 'Config directory', path: '/mnt/nas/kavita', reason: expect.stringContaining('SQLite') },
    ]);
    expect(localDiskPaths(kavita, 'k3s', resolveAnswers(kavita, 'k3s', {}).answers)).toEqual([]);
  });

  it('warns for NFS and SMB shares and not for local file systems', async () => {
    const paths = localDiskPaths(kavita, 'compose', resolveAnswers(kavita, 'compose', { sets: ['config_dir=/mnt/nas/kavita'] }).answers);
    const runner = new FakeRunner('nas-host').expect({ argv: filesystemTypeCommand('/mnt/nas/kavita').argv, result: { stdout: 'nfs4\n' } });
    const warnings = await checkLocalDisks(runner, paths);
    runner.verify();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('/mnt/nas/kavita (Config directory) is on a nfs4 network share');
    expect(warnings[0]?.hint).toMatch(/SQLite.*Choose a directory on a local disk of nas-host\.$/);
    for (const fs of ['cifs', 'smb2', 'nfs', 'fuse.sshfs']) expect(isNetworkFilesystem(fs), fs).toBe(true);
    for (const fs of ['ext4', 'ext2/ext3', 'xfs', 'btrfs', 'zfs', 'tmpfs', 'overlay']) expect(isNetworkFilesystem(fs), fs).toBe(false);
  });

  it('asks the real machine about a path that does not exist yet (its nearest parent)', async () => {
    const entry = { questionId: 'config_dir', label: 'Config directory', path: join(tmpdir(), 'not', 'yet', 'there'), reason: 'r' };
    const runner = new LocalRunner();
    const result = await runner.run(filesystemTypeCommand(entry.path));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).not.toBe('');
    expect(await checkLocalDisks(runner, [entry])).toEqual([]);
  });
});
