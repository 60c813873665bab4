import { randomBytes } from 'node:crypto';
import { hasBackups, type BackupAccess, type Backups, type Provider } from '../../providers/provider.js';
import type { RenderedInputs } from '../../providers/registry.js';
import { UserError } from '../../platform/errors.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { BackupInputs } from '../../platform/recipe/render/rendered.js';
import { providerOf, type OpenDeployment } from '../lifecycle/lifecycle.js';

/** Everything a backup or restore of one opened deployment works from. */
export interface BackupSource {
  deployment: OpenDeployment;
  provider: Provider & Backups;
  recipe: Recipe;
  /** Every answer, secrets read back from the host included. */
  answers: Answers;
  /** Secret answers the host did not give back (a reinstall from the archive generates or asks them). */
  missingSecrets: string[];
  backup: BackupInputs;
  access: BackupAccess;
  /** Secret values to keep out of logs and output. */
  secretValues: string[];
}

/** The provider of a deployment when it can be backed up; a UserError saying why not otherwise. */
export function backupProvider(deployment: OpenDeployment): Provider & Backups {
  const provider = providerOf(deployment);
  if (!hasBackups(provider)) throw new UserError(`${provider.label} deployments cannot be backed up with this version of homelab-tui`, 'compose and Proxmox LXC deployments can');
  return provider;
}

function render(deployment: OpenDeployment, recipe: Recipe, answers: Answers): RenderedInputs {
  if (!deployment.entry) throw new UserError(deployment.missing ?? `this build has no ${deployment.record.provider} provider`);
  return deployment.entry.install(recipe, answers).inputs;
}

/** A deployment's answers with its secrets read back from the host, and the recipe rendered with them. */
export interface AnswersWithSecrets {
  /** Every answer, secrets read back included (a missing secret is a unique placeholder). */
  answers: Answers;
  /** Secret answers the host did not give back. */
  missingSecrets: string[];
  secrets: Record<string, string>;
  inputs: RenderedInputs;
}

/**
 * Reads back a deployment's secret answers from where the host keeps them (each secret is rendered as
 * a unique sentinel and found in what the provider wrote) and renders its recipe with them.
 */
export async function readAnswersWithSecrets(deployment: OpenDeployment, provider: Provider & Backups, recipe: Recipe): Promise<AnswersWithSecrets> {
  const { record } = deployment;
  const base: Answers = { ...record.answers, version: record.version } as Answers;
  const sentinels = Object.fromEntries(record.secretKeys.map((key) => [key, `hlsecret${randomBytes(8).toString('hex')}x`]));
  const probe = render(deployment, recipe, { ...base, ...sentinels } as Answers);
  const secrets = record.secretKeys.length ? await provider.readSecrets(deployment.ctx, record, probe, sentinels) : {};
  const missingSecrets = record.secretKeys.filter((key) => secrets[key] === undefined);
  const answers = { ...base, ...Object.fromEntries(missingSecrets.map((key) => [key, sentinels[key] ?? ''])), ...secrets } as Answers;
  return { answers, missingSecrets, secrets, inputs: render(deployment, recipe, answers) };
}

/** What a backup of the deployment reads: its answers with secrets, the backup paths on the host, the database access (the recipe is the deployment app's). */
export async function openBackupSource(deployment: OpenDeployment, recipe: Recipe): Promise<BackupSource> {
  const provider = backupProvider(deployment);
  const { record } = deployment;
  const { missingSecrets, secrets, inputs } = await readAnswersWithSecrets(deployment, provider, recipe);
  const access = await provider.backupAccess(deployment.ctx, record, inputs.backup);
  const kept = { ...record.answers, version: record.version, ...secrets } as Answers;
  return { deployment, provider, recipe, answers: kept, missingSecrets, backup: inputs.backup, access, secretValues: Object.values(secrets).filter((v) => v.length > 0) };
}
