import { viewPlan } from '../../platform/plan/render-plan.js';
import type { Plan } from '../../platform/plan/plan.js';
import { rm } from 'node:fs/promises';
import type { BackupDesk } from '../backup/backup-desk.js';
import { decryptArchive, isEncryptedArchive, plainCopyPath } from '../backup/archive-crypto.js';
import type { ActOptions, ActionOutcome, DeploymentDetails, DeploymentReading, PreparedAction } from '../fleet/fleet-reading.js';
import { shortBytes } from '../fleet/units.js';
import { outcomeOf } from './action-outcome.js';
import type { Lifecycle, OpenDeployment } from './lifecycle.js';

/** A plan's steps in words for a confirmation (secrets masked): `1. title: what each action does`. */
export function planLines(plan: Plan): string[] {
  return viewPlan(plan).steps.map((step, i) => {
    const doing = step.actions.map((a) => (a.kind === 'run' ? (a.description ?? a.argv.join(' ')) : a.kind === 'write' ? `write ${a.path}` : a.kind === 'wait' ? `wait for ${a.check}` : a.description));
    return `${i + 1}. ${step.title}${doing.length ? `: ${doing.join('; ')}` : ''}`;
  });
}

/** The details' list of a deployment's archives (never fails the details: a problem is said instead). */
export async function readBackups(desk: BackupDesk, name: string): Promise<Pick<DeploymentDetails, 'backups' | 'backupsDir' | 'backupsError'>> {
  try {
    return { backups: await desk.list(name), backupsDir: desk.dir };
  } catch (error) {
    return { backups: [], backupsDir: desk.dir, backupsError: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A deployment as its host holds it now, for a change: the dashboard's reading may be one taken
 * while the last operation ran (its journal still in the record), and a change planned on that
 * would be refused as interrupted, or undo to a record that is no longer there.
 */
export async function openCurrent(lifecycle: Lifecycle, reading: DeploymentReading): Promise<OpenDeployment> {
  return lifecycle.find(reading.record.name, { host: reading.host });
}

/** `b` on the dashboard: the CLI's backup plan applied through the lifecycle, its bytes reported as they are written. */
export async function actBackup(lifecycle: Lifecycle, desk: BackupDesk, reading: DeploymentReading, options: ActOptions): Promise<ActionOutcome> {
  const deployment = await openCurrent(lifecycle, reading);
  const prepared = await desk.planBackup(deployment, options.onProgress);
  const result = await lifecycle.apply(prepared.plan, { handle: deployment.handle, before: deployment.record }, { signal: options.signal, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
  const outcome = outcomeOf(result, 'backed up', reading.record.name, reading.host);
  const archive = prepared.result();
  if (!outcome.ok || !archive) return outcome;
  const stopped = archive.manifest.stoppedMs > 0 ? `; the app was stopped for ${(archive.manifest.stoppedMs / 1000).toFixed(1)} s` : '';
  return { ...outcome, message: `${outcome.message} to ${archive.path} (${shortBytes(archive.bytes)})${stopped}` };
}

/** Restore from the details: the archive verified and the plan made first (shown to confirm), then that plan applied. */
export async function prepareRestore(lifecycle: Lifecycle, desk: BackupDesk, reading: DeploymentReading, archive: string, passphrase?: string): Promise<PreparedAction> {
  const deployment = await openCurrent(lifecycle, reading);
  // An encrypted archive is opened into a 0600 copy beside it (as the CLI's restore does), kept until
  // the plan is applied or turned down: the plan reads that copy.
  const plain = passphrase !== undefined && (await isEncryptedArchive(archive)) ? await plainCopyPath(archive, desk.dir) : undefined;
  const discard = async () => void (plain && (await rm(plain, { force: true })));
  let prepared: Awaited<ReturnType<BackupDesk['planRestore']>>;
  try {
    if (plain && passphrase !== undefined) await decryptArchive(archive, plain, { passphrase });
    prepared = await desk.planRestore(deployment, plain ?? archive);
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    plan: planLines(prepared.plan),
    async apply({ signal, onEvent }) {
      try {
        const result = await lifecycle.apply(prepared.plan, { handle: deployment.handle, before: deployment.record }, { signal, ...(onEvent ? { onEvent } : {}) });
        const outcome = outcomeOf(result, 'restored', reading.record.name, reading.host);
        const done = prepared.result();
        if (!outcome.ok || !done) return outcome;
        return { ...outcome, message: `${outcome.message} from ${archive}; it is healthy${done.safety ? `; what it held before is in ${done.safety.path}` : ''}` };
      } finally {
        await discard();
      }
    },
    discard,
  };
}
