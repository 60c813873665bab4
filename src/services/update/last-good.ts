import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import { showCommand } from '../../platform/show-command.js';

/** What `rollback NAME` goes back to: the release before the one running, and the backup taken just before it. */
export interface LastGood {
  version: string;
  /** When that release went in (ISO). */
  at: string;
  /** The data as it was before the running release went in (absent: none was taken). */
  backup?: string;
  /** The database dump taken then (absent: none was taken). */
  dump?: string;
  /** When the running release went in, which is the backup's age. */
  backupAt?: string;
}

/**
 * The last good release before the one running: the running one is the newest release that succeeded
 * (or the install); the one before it that succeeded (or was the install) is where rollback goes.
 */
export function lastGoodRelease(record: DeploymentRecord): LastGood {
  const good = record.releases.filter((r) => r.result === undefined || r.result === 'succeeded');
  const running = good.at(-1);
  const before = good.at(-2);
  if (!running || !before || running.version !== record.version) {
    throw new UserError(`${record.name} has no earlier good release to go back to`, `its releases: ${showCommand(['homelab-tui', 'status', '--json'])} (releases in its record)`, 1);
  }
  const dump = typeof running.dump === 'string' ? running.dump : undefined;
  return { version: before.version, at: before.at, ...(running.backup ? { backup: running.backup } : {}), ...(dump ? { dump } : {}), ...(running.backup || dump ? { backupAt: running.at } : {}) };
}
