import { isUpdatable } from '../../providers/provider.js';
import type { Clock } from '../../platform/clock.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { writeRecord } from '../../platform/deployments/record-store.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import { UserError } from '../../platform/errors.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import { recipeImages } from '../../platform/recipe/render/images.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { showCommand } from '../../platform/show-command.js';
import { incapable } from '../lifecycle/action-table.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';
import { backupStep, dataBackup, restoreActions, withDatabase, type DataBackup } from './data-backup.js';
import { checkBackupSpace } from './preflight-update.js';
import { dumpPath, updateDatabaseDump, type DatabaseDumpFile } from './database-dump.js';
import { pickTarget, type UpdateTarget } from './versions.js';
import { renderForUpdate } from './render-for-update.js';

/** One release as the record's history keeps it. */
export type Release = DeploymentRecord['releases'][number];

/** An update, ready to review and apply. */
export interface PreparedUpdate {
  plan: Plan;
  target: UpdateTarget;
  /** What changes, per service (`labapp: local/labapp:1 -> local/labapp:2`). */
  changes: string[];
  backup: DataBackup;
  /** The release the record gains when it succeeds (its digests are filled in after the fetch). */
  release: Release;
  warnings: string[];
}

export interface UpdateOptions {
  to?: string;
  allowDowngrade?: boolean;
  /** A rollback: the backup whose data comes back while the app is stopped (the one taken before the release rolled back). */
  restoreFrom?: string;
  /** A rollback: the database dump that comes back with it. */
  restoreDumpFrom?: string;
}

function withoutJournal(record: DeploymentRecord): DeploymentRecord {
  const { operation: _, ...rest } = record;
  return rest;
}

/**
 * Plans `update NAME`: the version from the catalog (newest, or --to), a verified backup of the data,
 * the new version fetched while the old one runs, applied, and the health gate; the apply step's undo
 * is the rollback (old version, old configuration, data from the backup, the gate again), and the last
 * step writes the record with the new release. Nothing on the host changes here but reads.
 */
export async function prepareUpdate(deployment: OpenDeployment, recipe: Recipe, options: UpdateOptions, clock: Clock): Promise<PreparedUpdate> {
  const { record, handle } = deployment;
  const provider = providerOf(deployment);
  if (record.operation) {
    throw new UserError(
      `${record.name} on ${handle.name} has an interrupted ${record.operation.kind}`,
      `take it back first: ${showCommand(['homelab-tui', 'undo', record.name, '--host', handle.name])}`,
      1,
    );
  }
  if (!isUpdatable(provider)) throw new UserError(incapable('update', provider) ?? `${provider.label} deployments cannot be updated`);
  const target = pickTarget(recipe, record.version, { name: record.name, ...(options.to !== undefined ? { to: options.to } : {}), ...(options.allowDowngrade ? { allowDowngrade: true } : {}) });
  const now = new Date(clock.now());
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let backup = dataBackup(record, stamp);
  const warnings = await checkBackupSpace(deployment.ctx.runner, backup);
  const dump = await updateDatabaseDump(deployment, recipe, dumpPath(backup.archive));
  if (dump && 'gap' in dump) warnings.push(dump.gap);
  else if (dump) {
    const withDump = withDatabase(backup, dump);
    backup = withDump.backup;
    warnings.push(...withDump.warnings);
  }
  if (target.direction === 'unordered') warnings.push(`${target.to} and ${target.from} have no version order: it may be older`);
  if (target.direction === 'older') warnings.push(`${target.to} is older than ${target.from} (--allow-downgrade)`);
  const images = recipeImages(recipe, record.provider, { ...record.answers, version: target.to } as Record<string, string>, target.to);
  const earlierDump = options.restoreDumpFrom && backup.database ? { ...backup.database, ...withFile(backup.database, options.restoreDumpFrom) } : undefined;
  const whileStopped = options.restoreFrom || earlierDump ? restoreActions({ archive: options.restoreFrom ?? '', paths: options.restoreFrom ? backup.paths : [], ...(earlierDump ? { database: earlierDump } : {}) }) : [];
  const inputs = () => renderForUpdate(deployment, recipe, target.to);
  const parts = await provider.planUpdate(deployment.ctx, record, {
    from: target.from,
    to: target.to,
    images,
    restoreData: restoreActions(backup),
    ...(whileStopped.length ? { whileStopped } : {}),
    inputs,
    at: clock.now(),
    ...(recipe.dataMigrations?.includes(target.to) ? { migratesData: true } : {}),
    ...(recipe.blueGreen ? { blueGreen: true } : {}),
  });
  const release: Release = { version: target.to, at: now.toISOString(), from: target.from, result: 'succeeded', ...(backup.paths.length ? { backup: backup.archive } : {}), ...(backup.database ? { dump: backup.database.file } : {}) };
  const before = withoutJournal(record);
  const after: DeploymentRecord = { ...before, version: target.to, updatedAt: now.toISOString(), answers: { ...before.answers, version: target.to }, releases: [...before.releases, release] };
  const fetch: PlanStep = parts.digests
    ? { ...parts.fetch, actions: [...parts.fetch.actions, { kind: 'call', description: 'read the digests of the new images', run: async () => void (release.digests = await parts.digests!()) }] }
    : parts.fetch;
  const recordStep: PlanStep = {
    ...writeRecordStep(deployment.ctx.runner, after),
    title: `Record release ${target.to}`,
    undo: [{ kind: 'call', description: `put back the record of ${record.app} ${target.from}`, run: () => writeRecord(deployment.ctx.runner, before) }],
  };
  const plan: Plan = {
    kind: 'update',
    deployment: record.name,
    host: handle.name,
    provider: record.provider,
    app: record.app,
    steps: [backupStep(backup), ...(parts.safety ?? []), fetch, ...(parts.beside ?? []), parts.apply, parts.gate, ...(parts.finish ?? []), recordStep, ...(parts.after ?? [])],
    secrets: backup.database?.secrets ?? [],
    notes: [
      `${record.app} ${target.from} -> ${target.to}`,
      ...parts.changes,
      ...(parts.notes ?? []),
      backup.paths.length ? `backup: ${backup.paths.join(', ')} into ${backup.archive} (verified before anything stops; kept after the update)` : 'backup: no data folders to back up',
      ...(backup.database ? [`database: a ${backup.database.kind} dump into ${backup.database.file} (one snapshot, checked complete; a rollback drops what the new version made and loads it before the old version starts)`] : []),
      ...(options.restoreFrom ? [`data: restored from ${options.restoreFrom} while the app is stopped`] : []),
      ...(earlierDump ? [`database: loaded from ${earlierDump.file} while the app is stopped`] : []),
      'on a failed health gate: roll back by itself to the old version, its configuration and its data from the backup, then check its health again',
      ...warnings.map((w) => `warning: ${w}`),
    ],
    journal: { from: target.from, to: target.to, release },
    // The same facts in the history entry kept on the host (`history NAME`).
    history: { from: target.from, to: target.to, release },
  };
  return { plan, target, changes: parts.changes, backup, release, warnings };
}

/** The same dump and load, from and into another file (an earlier release's dump). */
function withFile(dump: DatabaseDumpFile, file: string): Pick<DatabaseDumpFile, 'file' | 'dump' | 'load'> {
  const swap = (argv: readonly string[]) => argv.map((a) => (a === dump.file ? file : a));
  return { file, dump: { ...dump.dump, argv: swap(dump.dump.argv) }, load: { ...dump.load, argv: swap(dump.load.argv) } };
}

/** After a rollback: the record as before, with the failed release noted (the history shows it). */
export function rolledBackRecord(before: DeploymentRecord, release: Release, at: string, failure: string | undefined, result: 'rolled-back' | 'failed' = 'rolled-back'): DeploymentRecord {
  return { ...withoutJournal(before), releases: [...before.releases, { ...release, at, result, ...(failure ? { failure: failure.slice(0, 500) } : {}) }] };
}
