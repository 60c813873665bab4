import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { UserError } from '../../platform/errors.js';
import type { DataBackup } from './data-backup.js';

// Prints "<KiB the data uses> <KiB free where the backup goes>".
const SPACE_SCRIPT = 'used=$(du -sk -- "$@" 2>/dev/null | awk "{s+=\\$1} END {print s+0}"); d=/var/lib; [ -d /var/lib/homelab-tui ] && d=/var/lib/homelab-tui; free=$(df -Pk -- "$d" | awk "NR==2 {print \\$4}"); echo "$used $free"';

/** Is there room for the backup (the data at most, uncompressed)? A UserError (exit 1) when not; warnings when it is tight or unknown. */
export async function checkBackupSpace(runner: CommandRunner, backup: DataBackup): Promise<string[]> {
  if (!backup.paths.length) return [];
  const res = await runner.run({ argv: ['sh', '-c', SPACE_SCRIPT, 'space', ...backup.paths], timeoutMs: 120_000 });
  const [used, free] = res.stdout.trim().split(/\s+/).map(Number);
  if (res.exitCode !== 0 || used === undefined || free === undefined || !Number.isFinite(used) || !Number.isFinite(free)) return [`could not measure the space for the backup on ${runner.host}`];
  if (used > free) throw new UserError(`not enough disk on ${runner.host} for the backup before the update: the data takes ${used} KiB, ${free} KiB are free`, 'free some space, then update again; nothing was changed', 1);
  return used * 2 > free ? [`the backup (up to ${used} KiB) leaves little free space (${free} KiB) on ${runner.host}`] : [];
}
