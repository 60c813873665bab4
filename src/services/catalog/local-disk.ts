import { CommandError, tailOf } from '../../platform/errors.js';
import type { Command, CommandRunner } from '../../platform/runner/command-runner.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';

// Some apps keep SQLite databases in a directory the user chooses; SQLite's locking is unreliable on
// network file systems, so those directories must be on a local disk. Preflight asks the target.

/** A chosen path that must be on a local disk, and why. */
export interface LocalDiskPath {
  questionId: string;
  label: string;
  path: string;
  reason: string;
}

/** A path found on a network share. */
export interface NetworkShareWarning extends LocalDiskPath {
  fsType: string;
  message: string;
  hint: string;
}

const NETWORK_FILESYSTEMS = new Set(['nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'afs', 'ncpfs', 'ceph', 'glusterfs', '9p', 'davfs', 'fuse.sshfs', 'fuse.rclone', 'fuse.glusterfs', 'fuse.s3fs']);

export function isNetworkFilesystem(fsType: string): boolean {
  return NETWORK_FILESYSTEMS.has(fsType.trim().toLowerCase());
}

/** The answered paths of this recipe that its questions mark `localDisk`. */
export function localDiskPaths(recipe: Recipe, provider: ProviderId, answers: Answers): LocalDiskPath[] {
  return questionsFor(recipe, provider).flatMap((q) => {
    const path = answers[q.id];
    return q.type === 'path' && q.localDisk && typeof path === 'string' ? [{ questionId: q.id, label: q.label, path, reason: q.localDisk }] : [];
  });
}

/**
 * Prints the file system type holding `path`, or its nearest existing parent (the directory is often
 * created only by the install). findmnt names FUSE types exactly (fuse.sshfs); busybox has only stat.
 */
export function filesystemTypeCommand(path: string): Command {
  const script = 'p=$1; while [ ! -e "$p" ]; do p=$(dirname "$p"); done; findmnt -n -o FSTYPE -T "$p" 2>/dev/null || stat -f -c %T "$p"';
  return { argv: ['sh', '-c', script, 'sh', path], timeoutMs: 15_000 };
}

/** Asks the target about each local-disk path and returns a warning for each one on a network share. */
export async function checkLocalDisks(runner: CommandRunner, paths: LocalDiskPath[]): Promise<NetworkShareWarning[]> {
  const warnings: NetworkShareWarning[] = [];
  for (const entry of paths) {
    const command = filesystemTypeCommand(entry.path);
    const result = await runner.run(command);
    if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr));
    const fsType = result.stdout.trim().split('\n')[0]?.trim() ?? '';
    if (isNetworkFilesystem(fsType)) {
      warnings.push({
        ...entry,
        fsType,
        message: `${entry.path} (${entry.label}) is on a ${fsType} network share`,
        hint: `${entry.reason} Choose a directory on a local disk of ${runner.host}.`,
      });
    }
  }
  return warnings;
}
