import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../../platform/errors.js';
import { PROVIDERS, type ProviderId } from '../../platform/recipe/provider-ids.js';
import { hasBackups } from '../../providers/provider.js';
import { questionsFor } from '../../platform/recipe/questions.js';
import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import { renderPlanText } from '../../platform/plan/render-plan.js';
import { prepareInstall } from '../../services/install/prepare-install.js';
import { preflightRefusal } from '../../services/install/preflight-refusal.js';
import type { OpenDeployment } from '../../services/lifecycle/lifecycle.js';
import { archivesOf, openArchive, openBackupSource, planBackup, planRestore, isEncryptedArchive, parseArchiveName, refuseOtherApp, refuseUnknownVersion, verifiedForRestore, verifyArchive, withPlainArchive, type BackupManifest, type WriteBackupDeps } from '../../services/backup/index.js';
import type { CliContext } from '../context.js';
import { EXIT_FAILED } from '../present-error.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession, withCatalog, type Session } from '../session.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { VERSION } from '../version.js';
import { openingKey, sealingKey } from '../archive-key.js';
import { printDryRun, runOperation } from './run-operation.js';

function backupsDir(ctx: CliContext): string {
  return join(ctx.paths.stateDir, 'backups');
}

function deps(ctx: CliContext, session: Session): WriteBackupDeps {
  return { clock: session.clock, toolVersion: VERSION, backupsDir: backupsDir(ctx) };
}

function keepOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1) throw new UserError('--keep: write a whole number of archives, 1 or more', 'for example --keep 7');
  return n;
}

/** `backup NAME`: one archive on this machine, applied with the deployment's lock. */
export const backupCommand: CommandAction = async (ctx, args, options) => {
  const keep = keepOption(options.keep);
  const encrypt = await sealingKey(options);
  const session = await openSession(ctx);
  try {
    const json = options.json === true;
    const deployment = await session.lifecycle.find(args[0] ?? '', typeof options.host === 'string' ? { host: options.host } : {});
    const source = await openBackupSource(deployment, await session.recipes.recipe(deployment.record.app));
    const dir = typeof options.to === 'string' ? resolve(options.to) : undefined;
    const retain = keep ?? session.settings.backupKeep;
    const prepared = planBackup(source, deps(ctx, session), { ...(dir ? { dir } : {}), ...(retain !== undefined ? { keep: retain } : {}), ...(encrypt ? { encrypt } : {}) });
    if (options.dryRun === true) return printDryRun(ctx, prepared.plan, json);
    const result = await runOperation(ctx, session, { plan: prepared.plan, handle: deployment.handle, before: deployment.record, json: false, success: '' });
    const archive = prepared.result();
    if (result.status !== 'succeeded' || !archive) return;
    const { manifest } = archive;
    const stopped = manifest.stoppedMs > 0 ? `; the app was stopped for ${(manifest.stoppedMs / 1000).toFixed(1)} s` : '; the app was not stopped';
    if (json) {
      ctx.printJson({ status: 'succeeded', name: manifest.deployment, host: manifest.host.name, archive: archive.path, bytes: archive.bytes, sha256: archive.sha256, encrypted: archive.encrypted === true, app: manifest.app, version: manifest.version, database: manifest.database?.kind ?? null, members: manifest.members.map((m) => ({ name: m.name, bytes: m.bytes, sha256: m.sha256 })), stoppedMs: manifest.stoppedMs, ...(source.missingSecrets.length ? { missingSecrets: source.missingSecrets } : {}) });
    } else {
      ctx.print(`backed up ${manifest.deployment} on ${manifest.host.name} to ${archive.path} (${archive.bytes} bytes, sha256 ${archive.sha256}${archive.encrypted ? ', encrypted with age' : ''})${stopped}`);
    }
  } finally {
    await session.close();
  }
};

/** `backups list [NAME]`: the archives in the backups dir, newest first, from their manifests. */
export const listCommand: CommandAction = async (ctx, args, options) => {
  const dir = typeof options.dir === 'string' ? resolve(options.dir) : backupsDir(ctx);
  const rows = [];
  for (const path of await archivesOf(dir, args[0])) {
    const opened = await openArchive(path);
    if (!opened.ok && (await isEncryptedArchive(path))) {
      const name = parseArchiveName(basename(path));
      rows.push({ archive: path, name: name?.deployment ?? '', encrypted: true, bytes: (await stat(path)).size });
      continue;
    }
    rows.push(opened.ok ? { archive: path, name: opened.manifest.deployment, app: opened.manifest.app, version: opened.manifest.version, host: opened.manifest.host.name, provider: opened.manifest.provider, createdAt: opened.manifest.createdAt, bytes: opened.bytes } : { archive: path, problem: opened.reason });
  }
  if (options.json === true) return ctx.printJson({ dir, backups: rows });
  if (rows.length === 0) return ctx.print(`no backups${args[0] ? ` of ${args[0]}` : ''} in ${dir}`);
  ctx.print(rows.map((r) => ('problem' in r ? `${r.archive}  unreadable: ${r.problem}` : 'encrypted' in r ? `${r.archive}  ${r.name}, encrypted (age), ${r.bytes} bytes` : `${r.archive}  ${r.name} (${r.app} ${r.version}) from ${r.host}, ${r.createdAt}, ${r.bytes} bytes`)).join('\n'));
};

/** `backups verify ARCHIVE`: every member re-hashed; exit 1 on any problem. */
export const verifyCommand: CommandAction = async (ctx, args, options) => {
  const path = resolve(args[0] ?? '');
  const result = await withPlainArchive(path, backupsDir(ctx), openingKey(options), (plain) => verifyArchive(plain));
  if (options.json === true) ctx.printJson(result.ok ? { status: 'ok', archive: path, bytes: result.bytes, name: result.manifest.deployment, members: result.manifest.members.length } : { status: 'failed', archive: path, reason: result.reason });
  else ctx.print(result.ok ? `${path}: ok (${result.manifest.members.length} members match their sha256)` : `${path}: ${result.reason}`);
  if (!result.ok) ctx.exitCode = EXIT_FAILED;
};

/** Answers of the archive that the recipe asks for on `provider` (another provider's are left out). */
function answersFor(manifest: BackupManifest, recipe: Recipe, provider: ProviderId): Record<string, AnswerValue> {
  const ids = new Set(questionsFor(recipe, provider).map((q) => q.id));
  return Object.fromEntries(Object.entries(manifest.answers).filter(([key]) => ids.has(key) && key !== 'version')) as Record<string, AnswerValue>;
}

async function findExisting(session: Session, name: string, host: string | undefined): Promise<OpenDeployment | undefined> {
  try {
    return await session.lifecycle.find(name, host ? { host } : {});
  } catch (error) {
    if (error instanceof UserError && error.message.startsWith(`no deployment named "${name}"`)) return undefined;
    throw error;
  }
}

/** `restore ARCHIVE`: verified whole first; onto the deployment of that name, or installed anew then restored. */
export const restoreCommand: CommandAction = async (ctx, args, options) => {
  const path = resolve(args[0] ?? '');
  // An encrypted archive is decrypted (streamed, 0600) into the backups dir first, removed afterwards.
  await withPlainArchive(path, backupsDir(ctx), openingKey(options), (plain) => restoreFrom(ctx, path, plain, options));
};

async function restoreFrom(ctx: CliContext, path: string, plain: string, options: Record<string, unknown>): Promise<void> {
  const json = options.json === true;
  const manifest = await verifiedForRestore(plain, path);
  if (options.provider !== undefined && !(PROVIDERS as readonly string[]).includes(String(options.provider))) throw new UserError(`--provider: "${String(options.provider)}" is not a provider`, `one of: ${PROVIDERS.join(', ')}`);
  const session = await openSession(ctx);
  try {
    const recipe = await session.recipes.recipe(manifest.app);
    refuseUnknownVersion(manifest, recipe);
    const name = typeof options.name === 'string' ? options.name : manifest.deployment;
    const host = typeof options.host === 'string' ? options.host : undefined;
    let deployment = await findExisting(session, name, host);
    if (!deployment) {
      const provider = (options.provider as ProviderId | undefined) ?? manifest.provider;
      const target = host ?? manifest.host.name;
      const chosen = session.registry.entry(provider).provider;
      if (!hasBackups(chosen)) throw new UserError(`not restored: ${chosen.label} deployments cannot be restored with this version of homelab-tui`, 'restore onto compose (Docker or Podman) or a Proxmox VE node; nothing was changed', 1);
      const recipe = await session.recipes.recipe(manifest.app);
      const prepared = await prepareInstall({ app: manifest.app, host: target, provider, name, answers: { sets: (options.set as string[] | undefined) ?? [], file: { source: path, values: { ...answersFor(manifest, recipe, provider), version: manifest.version } } }, reuseData: true }, await withCatalog(session));
      if (options.dryRun === true) return printDryRun(ctx, prepared.plan, json);
      const refusal = preflightRefusal(prepared.host.name, prepared.preflight);
      if (refusal) throw refusal;
      if (options.yes !== true) await ask(ctx, `Install ${manifest.app} as "${name}" on ${prepared.host.name} and restore ${path} into it?`, renderPlanText(prepared.plan));
      const installed = await runOperation(ctx, session, { plan: prepared.plan, handle: prepared.host, json: false, success: `installed ${name} on ${prepared.host.name}; restoring its data` });
      if (installed.status !== 'succeeded') return;
      deployment = await session.lifecycle.find(name, { host: prepared.host.name });
    }
    refuseOtherApp(manifest, deployment.record);
    const target = await openBackupSource(deployment, await session.recipes.recipe(deployment.record.app));
    const prepared = planRestore(target, plain, deps(ctx, session));
    if (options.dryRun === true) return printDryRun(ctx, prepared.plan, json);
    if (options.yes !== true) await ask(ctx, `Replace the data of ${name} on ${deployment.handle.name} with ${path}? (a safety backup is taken first)`, renderPlanText(prepared.plan));
    const result = await runOperation(ctx, session, { plan: prepared.plan, handle: deployment.handle, before: deployment.record, json: false, success: '' });
    const outcome = prepared.result();
    if (result.status !== 'succeeded' || !outcome) return;
    if (json) ctx.printJson({ status: 'succeeded', name, host: deployment.handle.name, archive: path, restored: outcome.restoredPaths, database: outcome.database?.kind ?? null, stoppedMs: outcome.stoppedMs, ...(outcome.safety ? { safetyBackup: outcome.safety.path } : {}) });
    else ctx.print(`restored ${name} on ${deployment.handle.name} from ${path}; it is healthy (stopped for ${(outcome.stoppedMs / 1000).toFixed(1)} s)${outcome.safety ? `; what it held before is in ${outcome.safety.path}` : ''}`);
  } finally {
    await session.close();
  }
}

async function ask(ctx: CliContext, question: string, plan: string): Promise<void> {
  if (!ctx.interactive) throw new UserError('not restored: confirm with --yes (there is no terminal to ask on)', 'review first with --dry-run');
  process.stderr.write(`${plan}\n\n`);
  if (!(await confirm(question))) throw new UserError('not restored', undefined, 1);
}
