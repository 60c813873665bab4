import type { Plan } from '../../platform/plan/plan.js';
import type { ArchiveRef, BackupOptions } from './backup-api.js';
import type { BackupSource } from './backup-source.js';
import { writeBackup, type WriteBackupDeps } from './write-backup.js';
import { writeRestore, type RestoreOutcome } from './write-restore.js';
import { throttledProgress } from './backup-progress.js';

/** A plan whose result is known once it has been applied. */
export interface PlanWithResult<T> {
  plan: Plan;
  result(): T | undefined;
}

function basePlan(source: BackupSource, kind: 'backup' | 'restore'): Omit<Plan, 'steps'> {
  const { record } = source.deployment;
  return { kind, deployment: record.name, host: source.deployment.handle.name, provider: record.provider, app: record.app, secrets: source.secretValues };
}

/**
 * The `backup` plan kind: one step that writes the archive (the lifecycle applies it with the
 * deployment's lock and journal, so no update or restore runs at the same time). Undo starts the
 * app again (a stopped copy may have stopped it).
 */
export function planBackup(source: BackupSource, deps: WriteBackupDeps, options: BackupOptions = {}): PlanWithResult<ArchiveRef> {
  let archive: ArchiveRef | undefined;
  const dump = source.backup.database;
  return {
    plan: {
      ...basePlan(source, 'backup'),
      steps: [
        {
          id: 'backup',
          title: `Back up ${dump ? `the ${dump.kind} database and ` : ''}${source.access.hostPaths.join(', ') || 'nothing else'}`,
          actions: [
            {
              kind: 'call',
              description: `stream the archive to ${options.dir ?? deps.backupsDir}`,
              run: async (ctx) => {
                const print = throttledProgress(ctx.output);
                archive = await writeBackup(source, deps, {
                  ...options,
                  signal: ctx.signal,
                  onProgress: (progress) => {
                    print(progress);
                    options.onProgress?.(progress);
                  },
                });
              },
            },
          ],
          undo: [{ kind: 'run', command: source.access.start }],
        },
      ],
    },
    result: () => archive,
  };
}

/**
 * The `restore` plan kind on an existing deployment: a safety backup of what is there, then the
 * restore (stop, replace data, load the dump, start, health). Undo puts the safety backup back.
 */
export function planRestore(target: BackupSource, archive: string, deps: WriteBackupDeps, options: { safetyDir?: string; only?: 'database' } = {}): PlanWithResult<RestoreOutcome & { safety?: ArchiveRef }> {
  let safety: ArchiveRef | undefined;
  let outcome: RestoreOutcome | undefined;
  return {
    plan: {
      ...basePlan(target, 'restore'),
      steps: [
        {
          id: 'safety-backup',
          title: `Safety backup of what ${target.deployment.record.name} holds now`,
          actions: [
            {
              kind: 'call',
              description: `write it to ${options.safetyDir ?? deps.backupsDir}`,
              run: async (ctx) => {
                safety = await writeBackup(target, deps, { ...(options.safetyDir ? { dir: options.safetyDir } : {}), signal: ctx.signal, onProgress: throttledProgress(ctx.output) });
              },
            },
          ],
        },
        {
          id: 'restore',
          title: `Restore ${archive}`,
          actions: [
            {
              kind: 'call',
              description: 'stop the app, replace its data, load the dump, start it, wait for health',
              run: async (ctx) => {
                outcome = await writeRestore(target, archive, { clock: deps.clock, signal: ctx.signal, onStep: ctx.output, ...(options.only ? { only: options.only } : {}) });
              },
            },
          ],
          undo: [
            {
              kind: 'call',
              description: 'put the safety backup back',
              run: async (ctx) => {
                if (safety) await writeRestore(target, safety.path, { clock: deps.clock, onStep: ctx.output });
              },
            },
          ],
        },
      ],
    },
    result: () => (outcome ? { ...outcome, ...(safety ? { safety } : {}) } : undefined),
  };
}
