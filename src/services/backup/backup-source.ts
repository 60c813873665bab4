import { randomBytes } from 'node:crypto';
import { hasBackups, type BackupAccess, type Backups, type Provider } from '../../providers/provider.js';
import type { RenderedInputs } from '../../providers/registry.js';
import { UserError } from '../../platform/errors.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import type { BackupInputs } from '../../platform/recipe/render/rendered.js';
import { findRecipe, type Catalog } from '../catalog/catalog.js';
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

/**
 * Reads back a deployment's answers (its secrets from where the host keeps them: each secret is
 * rendered as a unique sentinel and found in what the provider wrote) and where its backup lives.
 */
export async function openBackupSource(deployment: OpenDeployment, catalog: Catalog): Promise<BackupSource> {
  return openBackupSourceFor(deployment, findRecipe(catalog, deployment.record.app));
}

/** `openBackupSource` with the deployment's recipe at hand (the update has it already). */
export async function openBackupSourceFor(deployment: OpenDeployment, recipe: Recipe): Promise<BackupSource> {
  const provider = backupProvider(deployment);
  const { record } = deployment;
  const base: Answers = { ...record.answers, version: record.version } as Answers;
  const sentinels = Object.fromEntries(record.secretKeys.map((key) => [key, `hlsecret${randomBytes(8).toString('hex')}x`]));
  const probe = render(deployment, recipe, { ...base, ...sentinels } as Answers);
  const secrets = record.secretKeys.length ? await provider.readSecrets(deployment.ctx, record, probe, sentinels) : {};
  const missingSecrets = record.secretKeys.filter((key) => secrets[key] === undefined);
  const answers = { ...base, ...Object.fromEntries(missingSecrets.map((key) => [key, sentinels[key] ?? ''])), ...secrets } as Answers;
  const inputs = render(deployment, recipe, answers);
  const access = await provider.backupAccess(deployment.ctx, record, inputs.backup);
  const kept = { ...base, ...secrets } as Answers;
  return { deployment, provider, recipe, answers: kept, missingSecrets, backup: inputs.backup, access, secretValues: Object.values(secrets).filter((v) => v.length > 0) };
}
