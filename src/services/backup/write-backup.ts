import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { ENCRYPTED_EXT, encryptArchive } from './archive-crypto.js';
import { dirname, relative } from 'node:path';
import { ArchiveWriter } from '../../platform/archive/archive-writer.js';
import { hashFile } from '../../platform/archive/archive-reader.js';
import type { Clock } from '../../platform/clock.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import { canPipeBytes, type BytePipes, type Command, type CommandRunner } from '../../platform/runner/command-runner.js';
import type { ArchiveRef, BackupOptions } from './backup-api.js';
import type { BackupSource } from './backup-source.js';
import { catCommand, dumpCommand, dumpMethod, dumpToolVersionCommand, sqliteBackupCommand, tarFolderCommand } from './database-commands.js';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, MANIFEST_MEMBER, type ArchiveMemberInfo, type BackupManifest } from './manifest.js';
import { archivePath } from './archive-names.js';
import { applyRetention } from './retention.js';
import { folderBytesCommand, parseFolderBytes } from './backup-progress.js';

/** What writing a backup needs besides the source. */
export interface WriteBackupDeps {
  clock: Clock;
  /** homelab-tui's version, for the manifest. */
  toolVersion: string;
  /** The default directory of archives (the state dir's backups/). */
  backupsDir: string;
}

function pipesOf(runner: CommandRunner): CommandRunner & BytePipes {
  if (!canPipeBytes(runner)) throw new CommandError(['backup'], null, runner.host, 'this connection cannot stream bytes');
  return runner;
}

async function runOk(runner: CommandRunner, command: Command, what: string): Promise<string> {
  const result = await runner.run({ timeoutMs: 60_000, ...command });
  if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr) || what);
  return result.stdout;
}

/** Streams a command's stdout into the sink; a non-zero exit (outside `allow`) is a CommandError. */
async function pipeOk(runner: CommandRunner & BytePipes, command: Command, sink: NodeJS.WritableStream, allow: readonly number[] = [0]): Promise<void> {
  const result = await runner.pipeFrom(command, sink);
  if (result.exitCode === null || !allow.includes(result.exitCode)) throw new CommandError(command.argv, result.exitCode, runner.host, tailOf(result.stderr));
}

/** Paths of the SQLite file and its journals inside `folder`, to leave out of the folder's tar (the dump holds it). */
function sqliteExclusions(folder: string, file: string | undefined): string[] {
  if (!file) return [];
  const rel = relative(folder, file);
  if (rel.startsWith('..') || rel === '') return [];
  return [rel, `${rel}-wal`, `${rel}-shm`, `${rel}-journal`];
}

/**
 * Takes a backup of an opened deployment into one archive on this machine, streamed from the host:
 * the database dump made consistently (pg_dump, mysqldump --single-transaction, sqlite3 .backup,
 * or a copy while the app is stopped when the host has no sqlite3), each backup path as a tar, and
 * the manifest with every member's size and sha256. Runs inside the caller's operation (no lock of
 * its own): the CLI's `backup` applies it as a plan, the update takes it before it changes anything.
 */
export async function writeBackup(source: BackupSource, deps: WriteBackupDeps, options: BackupOptions = {}): Promise<ArchiveRef> {
  const { deployment, access, backup } = source;
  const { record, ctx } = deployment;
  const runner = pipesOf(ctx.runner);
  const dir = options.dir ?? deps.backupsDir;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = deps.clock.now();
  const path = archivePath(dir, record.name, now);
  const partial = `${path}.partial`;
  const writer = await ArchiveWriter.create(partial, Math.floor(now / 1000));
  const members: ArchiveMemberInfo[] = [];
  let database: BackupManifest['database'];
  let stoppedMs = 0;
  const progress = (member: string, total?: number) => (bytes: number) => options.onProgress?.({ member, bytes, ...(total !== undefined ? { total } : {}) });
  // The host's architecture for the manifest, read beside the copy rather than after it.
  const factsRead = ctx.facts ? ctx.facts().catch(() => undefined) : Promise.resolve(undefined);
  try {
    const db = backup.database;
    if (db?.kind === 'sqlite' && access.sqliteHostPath) {
      const file = access.sqliteHostPath;
      const sqlite = await ctx.runner.run({ argv: ['sqlite3', '--version'], timeoutMs: 30_000 });
      if (sqlite.exitCode === 0) {
        const copy = `${dirname(file)}/.hl-backup-${process.pid}.sqlite`;
        await runOk(ctx.runner, sqliteBackupCommand(file, copy), 'sqlite3 .backup failed');
        try {
          const written = await writer.member('database.sqlite', (sink) => pipeOk(runner, catCommand(copy), sink), progress('database.sqlite'));
          members.push({ ...written, kind: 'database' });
        } finally {
          await ctx.runner.run({ argv: ['rm', '-f', '--', copy], elevated: true, timeoutMs: 30_000 });
        }
        database = { kind: 'sqlite', method: 'sqlite3 .backup', toolVersion: sqlite.stdout.trim().split(' ')[0] ?? '', member: 'database.sqlite', path: db.path };
      } else {
        // No sqlite3 on the host: a copy is consistent only while nothing writes, so the app stops for it.
        const stopped = deps.clock.now();
        await runOk(ctx.runner, access.stop, 'could not stop the app');
        try {
          const written = await writer.member('database.sqlite', (sink) => pipeOk(runner, catCommand(file), sink), progress('database.sqlite'));
          members.push({ ...written, kind: 'database' });
        } finally {
          await runOk(ctx.runner, access.start, 'could not start the app again');
          stoppedMs = Math.max(0, deps.clock.now() - stopped);
        }
        database = { kind: 'sqlite', method: 'stopped copy', member: 'database.sqlite', path: db.path };
      }
    } else if (db && db.kind !== 'sqlite') {
      const version = await ctx.runner.run({ ...dumpToolVersionCommand(db, access.databaseExec), timeoutMs: 60_000 });
      const written = await writer.member('database.sql', (sink) => pipeOk(runner, dumpCommand(db, access.databaseExec), sink), progress('database.sql'));
      members.push({ ...written, kind: 'database' });
      database = { kind: db.kind, method: dumpMethod(db), ...(version.exitCode === 0 ? { toolVersion: version.stdout.trim() } : {}), member: 'database.sql' };
    }
    for (const [index, hostPath] of access.hostPaths.entries()) {
      const entry = backup.paths[index];
      const name = `data/${index}.tar`;
      const total = options.onProgress ? parseFolderBytes((await ctx.runner.run(folderBytesCommand(hostPath))).stdout) : undefined;
      // GNU tar exits 1 when a file changed while it was read: the copy is still whole.
      const written = await writer.member(name, (sink) => pipeOk(runner, tarFolderCommand(hostPath, sqliteExclusions(hostPath, access.sqliteHostPath)), sink, [0, 1]), progress(name, total));
      members.push({ ...written, kind: 'data', ...(entry ? { path: entry.path } : {}), ...(entry?.service ? { service: entry.service } : {}), hostPath });
    }
    const facts = await factsRead;
    const manifest: BackupManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      tool: { name: 'homelab-tui', version: deps.toolVersion },
      createdAt: new Date(now).toISOString(),
      deployment: record.name,
      app: record.app,
      version: record.version,
      provider: record.provider,
      host: { name: deployment.handle.name, ...(facts?.arch ? { arch: facts.arch } : {}) },
      answers: source.answers,
      secretKeys: record.secretKeys,
      ...(database ? { database } : {}),
      members,
      stoppedMs,
    };
    await writer.text(MANIFEST_MEMBER, `${JSON.stringify(manifest, null, 2)}\n`);
    // The writer hashed the file as it wrote it: no second read.
    let { bytes, sha256 } = await writer.finish();
    let final = path;
    if (options.encrypt) {
      // The plain archive (0600) is encrypted in one more streamed pass and removed (see archive-crypto.ts).
      final = `${path}${ENCRYPTED_EXT}`;
      await encryptArchive(partial, final, options.encrypt);
      await rm(partial, { force: true });
      bytes = (await stat(final)).size;
      sha256 = await hashFile(final);
    } else {
      await rename(partial, path);
    }
    if (options.keep !== undefined) await applyRetention(dir, record.name, options.keep);
    return { path: final, bytes, sha256, manifest, ...(options.encrypt ? { encrypted: true } : {}) };
  } catch (error) {
    await writer.abandon();
    await rm(partial, { force: true });
    throw error;
  }
}
