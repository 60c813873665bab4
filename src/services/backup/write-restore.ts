import { memberStream, type ArchiveMember } from '../../platform/archive/archive-reader.js';
import type { Clock } from '../../platform/clock.js';
import { CommandError, UserError, tailOf } from '../../platform/errors.js';
import { waitUntilHealthy } from '../../platform/health/health-check.js';
import { canPipeBytes, type Command, type CommandRunner } from '../../platform/runner/command-runner.js';
import type { BackupSource } from './backup-source.js';
import { loadCommand, readyCommand, sqliteLoadCommand, untarFolderCommand } from './database-commands.js';
import type { BackupManifest } from './manifest.js';
import { openArchive } from './verify-archive.js';

/** What a restore into a deployment reports. */
export interface RestoreOutcome {
  /** How long the app was stopped (ms). */
  stoppedMs: number;
  restoredPaths: string[];
  database?: BackupManifest['database'];
}

/**
 * Restores a verified archive into an existing deployment (the caller verified it whole and took the
 * safety backup): stops the app (its database server keeps running), replaces each backup path's
 * content, loads the database dump, starts the app and waits for its health. Paths pair by their
 * order and recipe path, so another host or compose engine restores alike.
 */
export async function writeRestore(target: BackupSource, archive: string, options: { clock: Clock; signal?: AbortSignal; onStep?: (line: string) => void; only?: 'database' }): Promise<RestoreOutcome> {
  const opened = await openArchive(archive);
  if (!opened.ok) throw new UserError(`${archive} cannot be restored: ${opened.reason}`, undefined, 1);
  const { manifest, members } = opened;
  const { access, backup, deployment } = target;
  const runner = deployment.ctx.runner;
  if (!canPipeBytes(runner)) throw new CommandError(['restore'], null, runner.host, 'this connection cannot stream bytes');
  const member = (name: string): ArchiveMember => {
    const found = members.find((m) => m.name === name);
    if (!found) throw new UserError(`${archive} has no member ${name}`, undefined, 1);
    return found;
  };
  const feed = async (command: Command, name: string): Promise<void> => {
    const result = await runner.pipeTo(command, memberStream(archive, member(name)));
    if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr));
  };
  const run = async (command: Command, what: string): Promise<void> => {
    const result = await runner.run({ timeoutMs: 5 * 60_000, ...command });
    if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr) || what);
  };
  const dataMembers = options.only === 'database' ? [] : manifest.members.filter((m) => m.kind === 'data');
  const pairs = dataMembers.map((m, index) => {
    const at = backup.paths.findIndex((p) => p.path === m.path && (m.service === undefined || p.service === undefined || p.service === m.service));
    const hostPath = access.hostPaths[at >= 0 ? at : index];
    if (!hostPath) throw new UserError(`${deployment.record.name} has no backup path for ${m.path ?? m.name} of the archive`, 'restore into a deployment of the same app', 1);
    return { member: m.name, hostPath };
  });
  const dbInfo = manifest.database;
  const db = backup.database;
  if (dbInfo && (!db || db.kind !== dbInfo.kind)) {
    throw new UserError(`the archive holds a ${dbInfo.kind} database, ${deployment.record.name} uses ${db?.kind ?? 'none'}`, 'restore into a deployment with the same database kind', 1);
  }
  const stopped = options.clock.now();
  options.onStep?.('stopping the app');
  await run(access.stop, 'could not stop the app');
  for (const pair of pairs) {
    options.onStep?.(`restoring ${pair.hostPath}`);
    await feed(untarFolderCommand(pair.hostPath), pair.member);
  }
  if (dbInfo && db) {
    options.onStep?.(`loading the ${dbInfo.kind} dump`);
    if (db.kind === 'sqlite') {
      if (!access.sqliteHostPath) throw new UserError(`${deployment.record.name}: its SQLite file is not on the host`);
      await feed(sqliteLoadCommand(access.sqliteHostPath), dbInfo.member);
    } else {
      // A database in a container of its own was stopped with the app: it alone starts for the load.
      if (access.databaseStart) {
        options.onStep?.('starting the database alone for the load');
        await run(access.databaseStart, 'could not start the database');
        await untilReady(runner, readyCommand(db, access.databaseExec), options.clock, options.signal);
      }
      await feed({ ...loadCommand(db, access.databaseExec), timeoutMs: 60 * 60_000 }, dbInfo.member);
    }
  }
  options.onStep?.('starting the app');
  await run(access.start, 'could not start the app');
  const stoppedMs = Math.max(0, options.clock.now() - stopped);
  const health = await waitUntilHealthy(access.healthy, { clock: options.clock, timeoutMs: access.healthTimeoutMs, intervalMs: 2000, ...(options.signal ? { signal: options.signal } : {}) });
  if (!health.ok) throw new CommandError(['health'], null, runner.host, `${deployment.record.name} is not healthy after the restore: ${health.reason ?? 'unhealthy'}`);
  return { stoppedMs, restoredPaths: pairs.map((p) => p.hostPath), ...(dbInfo ? { database: dbInfo } : {}) };
}

/** How long a database that was just started gets to accept the app's login. */
const DATABASE_START_MS = 120_000;

/** Waits until `ready` succeeds (a database server that is starting), at most DATABASE_START_MS; its last words when it never does. */
async function untilReady(runner: CommandRunner, ready: Command, clock: Clock, signal?: AbortSignal): Promise<void> {
  const deadline = clock.now() + DATABASE_START_MS;
  for (;;) {
    const result = await runner.run({ ...ready, timeoutMs: 30_000 });
    if (result.exitCode === 0) return;
    if (clock.now() >= deadline || signal?.aborted) {
      throw new CommandError(ready.argv, result.exitCode, runner.host, `the database did not accept the login within ${DATABASE_START_MS / 1000} s: ${tailOf(result.stderr) || 'no answer'}`);
    }
    await clock.sleep(1000, signal);
  }
}
