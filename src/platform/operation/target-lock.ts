import { hostname, userInfo } from 'node:os';
import { CommandError, tailOf, UserError } from '../errors.js';
import type { CommandRunner } from '../runner/command-runner.js';
import { HOST_LOCKS_DIR } from './host-state.js';

/** Who holds a lock: shown to the admin who is refused. */
export interface LockOwner {
  user: string;
  machine: string;
  pid: number;
  operation: string;
  since: string;
}

// mkdir is atomic on every POSIX file system: exactly one of two racing admins creates the directory.
// The owner file is written inside it afterwards, from stdin.
const ACQUIRE = 'set -e; mkdir -p "$1"; if mkdir "$2" 2>/dev/null; then cat > "$2/owner.json"; else cat "$2/owner.json" 2>/dev/null || true; exit 3; fi';

/** A lock on one deployment, held on its host so admins on different machines exclude each other. */
export class TargetLock {
  private constructor(
    private readonly runner: CommandRunner,
    readonly path: string,
  ) {}

  /** Takes the lock or fails with who holds it. `force` first removes a lock left by a dead operation. */
  static async acquire(
    runner: CommandRunner,
    deployment: string,
    operation: string,
    options: { force?: boolean; dir?: string } = {},
  ): Promise<TargetLock> {
    const dir = options.dir ?? HOST_LOCKS_DIR;
    const path = `${dir}/${deployment}.lock`;
    if (options.force) await runner.run({ argv: ['rm', '-rf', '--', path] });
    const owner: LockOwner = {
      user: userInfo().username,
      machine: hostname(),
      pid: process.pid,
      operation,
      since: new Date().toISOString(),
    };
    const result = await runner.run({ argv: ['sh', '-c', ACQUIRE, 'sh', dir, path], stdin: JSON.stringify(owner) });
    if (result.exitCode === 3) throw lockedError(deployment, runner.host, result.stdout);
    if (result.exitCode !== 0) throw new CommandError(['lock', path], result.exitCode, runner.host, tailOf(result.stderr));
    return new TargetLock(runner, path);
  }

  async release(): Promise<void> {
    await this.runner.run({ argv: ['rm', '-rf', '--', this.path] });
  }
}

function lockedError(deployment: string, host: string, ownerText: string): UserError {
  let who = 'another operation';
  try {
    const owner = JSON.parse(ownerText) as LockOwner;
    who = `${owner.user}@${owner.machine} (pid ${owner.pid}, ${owner.operation}, since ${owner.since})`;
  } catch {
    // An unreadable owner file still means the lock is held.
  }
  return new UserError(
    `"${deployment}" on ${host} is locked by ${who}`,
    'wait for that operation to finish; if it died, run again with --force-unlock',
    1,
  );
}
