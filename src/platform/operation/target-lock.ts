import { z } from 'zod';
import type { Clock } from '../clock.js';
import { CommandError, tailOf, UserError } from '../errors.js';
import type { CommandRunner } from '../runner/command-runner.js';
import { HOST_LOCKS_DIR } from './host-state.js';
import { holderIsGone, type Holder } from './holder.js';
import { showCommand } from '../show-command.js';

/** Who holds a lock: shown to the admin who is refused, and judged stale when its holder is gone. */
export const lockOwnerSchema = z.looseObject({
  /** The operation's id: `unlock NAME --id ID` names it, so the lock removed is the one the user saw. */
  id: z.string(),
  operation: z.string(),
  user: z.string(),
  machine: z.string(),
  pid: z.number().int(),
  tool: z.string(),
  since: z.string(),
  heartbeat: z.string(),
});

export type LockOwner = z.output<typeof lockOwnerSchema>;

/** A lock as found on the host: its owner (when readable), and whether that owner is gone. */
export interface LockState {
  owner?: LockOwner;
  stale: boolean;
  /** Why it is judged stale, in words. */
  staleReason?: string;
}

/** The holder writes a heartbeat this often; a lock whose heartbeat is older than HEARTBEAT_EXPIRY_MS is stale. */
export const HEARTBEAT_MS = 15_000;
export const HEARTBEAT_EXPIRY_MS = 90_000;

// mkdir is atomic on every POSIX file system: exactly one of two racing admins creates the directory.
// The owner file is written inside it afterwards, from stdin.
const ACQUIRE = 'set -e; mkdir -p "$1"; if mkdir "$2" 2>/dev/null; then cat > "$2/owner.json"; else cat "$2/owner.json" 2>/dev/null || true; exit 3; fi';
// The heartbeat replaces the owner file only while the lock is still ours (same id), atomically.
const BEAT = 'grep -q "\\"id\\":\\"$2\\"" "$1/owner.json" 2>/dev/null || exit 4; cat > "$1/owner.json.new" && mv -f "$1/owner.json.new" "$1/owner.json"';
// Removing by id: only the lock the user saw (a new holder may have taken it since).
const REMOVE_IF = '[ -d "$1" ] || exit 5; grep -q "\\"id\\":\\"$2\\"" "$1/owner.json" 2>/dev/null || exit 4; rm -rf -- "$1"';

export function lockPath(deployment: string, dir = HOST_LOCKS_DIR): string {
  return `${dir}/${deployment}.lock`;
}

/** Reads the owner text of a lock (pure parse; an unreadable owner still means the lock is held). */
export function parseLockOwner(text: string): LockOwner | undefined {
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock's holder is gone: its process ended on this machine, or its heartbeat expired. */
export function judgeLock(owner: LockOwner | undefined, now: number, local: Holder): LockState {
  if (!owner) return { stale: false };
  const gone = holderIsGone(owner, local);
  if (gone) return { owner, stale: true, staleReason: gone };
  const age = now - Date.parse(owner.heartbeat);
  if (Number.isFinite(age) && age > HEARTBEAT_EXPIRY_MS) return { owner, stale: true, staleReason: `no heartbeat for ${Math.round(age / 1000)} s` };
  return { owner, stale: false };
}

/** Who holds a lock, in words. */
export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'another operation';
  return `${owner.operation} ${owner.id} by ${owner.user}@${owner.machine} (pid ${owner.pid}, homelab-tui ${owner.tool}, since ${owner.since}, last heartbeat ${owner.heartbeat})`;
}

/** Reads a deployment's lock on its host: absent (undefined), or its owner and whether it is stale. */
export async function readLock(runner: CommandRunner, deployment: string, clock: Clock, local: Holder, dir = HOST_LOCKS_DIR): Promise<LockState | undefined> {
  const path = lockPath(deployment, dir);
  const result = await runner.run({ argv: ['sh', '-c', '[ -d "$1" ] || exit 5; cat "$1/owner.json" 2>/dev/null; exit 0', 'sh', path] });
  if (result.exitCode === 5) return undefined;
  if (result.exitCode !== 0) throw new CommandError(['read lock', path], result.exitCode, runner.host, tailOf(result.stderr));
  return judgeLock(parseLockOwner(result.stdout), clock.now(), local);
}

/** Removes a lock only when its id is `id`; says what happened. */
export async function removeLock(runner: CommandRunner, deployment: string, id: string, dir = HOST_LOCKS_DIR): Promise<'removed' | 'absent' | 'other'> {
  const path = lockPath(deployment, dir);
  const result = await runner.run({ argv: ['sh', '-c', REMOVE_IF, 'sh', path, id] });
  if (result.exitCode === 0) return 'removed';
  if (result.exitCode === 5) return 'absent';
  if (result.exitCode === 4) return 'other';
  throw new CommandError(['remove lock', path], result.exitCode, runner.host, tailOf(result.stderr));
}

/** What taking a lock needs: the operation it is for and the holder; `takeOver` names a stale lock that may be replaced. */
export interface AcquireOptions {
  id: string;
  operation: string;
  holder: Holder;
  clock: Clock;
  /** Replace the lock when it is stale and held by this operation id (undo/resume of an interrupted operation). */
  takeOver?: string;
  dir?: string;
}

/** A lock on one deployment, held on its host so admins on different machines exclude each other. */
export class TargetLock {
  private beat: NodeJS.Timeout | undefined;

  private constructor(
    private readonly runner: CommandRunner,
    readonly path: string,
    private owner: LockOwner,
    private readonly clock: Clock,
  ) {}

  /** Takes the lock or fails with who holds it, whether they look gone, and the command that frees it. */
  static async acquire(runner: CommandRunner, deployment: string, options: AcquireOptions): Promise<TargetLock> {
    const dir = options.dir ?? HOST_LOCKS_DIR;
    const path = lockPath(deployment, dir);
    const at = new Date(options.clock.now()).toISOString();
    const owner: LockOwner = { id: options.id, operation: options.operation, ...options.holder, since: at, heartbeat: at };
    let result = await runner.run({ argv: ['sh', '-c', ACQUIRE, 'sh', dir, path], stdin: JSON.stringify(owner) });
    if (result.exitCode === 3 && options.takeOver !== undefined) {
      const state = judgeLock(parseLockOwner(result.stdout), options.clock.now(), options.holder);
      if (state.stale && state.owner?.id === options.takeOver) {
        await removeLock(runner, deployment, options.takeOver, dir);
        result = await runner.run({ argv: ['sh', '-c', ACQUIRE, 'sh', dir, path], stdin: JSON.stringify(owner) });
      }
    }
    if (result.exitCode === 3) throw lockedError(deployment, runner.host, judgeLock(parseLockOwner(result.stdout), options.clock.now(), options.holder));
    if (result.exitCode !== 0) throw new CommandError(['lock', path], result.exitCode, runner.host, tailOf(result.stderr));
    const lock = new TargetLock(runner, path, owner, options.clock);
    lock.startHeartbeat();
    return lock;
  }

  private startHeartbeat(): void {
    this.beat = setInterval(() => void this.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    // The heartbeat never keeps the process alive on its own.
    this.beat.unref();
  }

  /** Writes a fresh heartbeat time into the owner file (while the lock is still this one). */
  async heartbeat(): Promise<void> {
    this.owner = { ...this.owner, heartbeat: new Date(this.clock.now()).toISOString() };
    await this.runner.run({ argv: ['sh', '-c', BEAT, 'sh', this.path, this.owner.id], stdin: JSON.stringify(this.owner) });
  }

  async release(): Promise<void> {
    clearInterval(this.beat);
    this.beat = undefined;
    await this.runner.run({ argv: ['sh', '-c', REMOVE_IF, 'sh', this.path, this.owner.id] });
  }
}

function lockedError(deployment: string, host: string, state: LockState): UserError {
  const who = describeOwner(state.owner);
  if (state.stale && state.owner) {
    return new UserError(
      `"${deployment}" on ${host} is locked by ${who}, which looks gone (${state.staleReason})`,
      `if nothing is still working on it: ${showCommand(['homelab-tui', 'unlock', deployment, '--host', host, '--id', state.owner.id])}`,
      1,
    );
  }
  return new UserError(`"${deployment}" on ${host} is locked by ${who}`, 'wait for that operation to finish (homelab-tui status shows it)', 1);
}
