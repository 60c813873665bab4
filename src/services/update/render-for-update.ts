import type { RenderedInputs } from '../../providers/registry.js';
import { UserError } from '../../platform/errors.js';
import type { AnswerValue } from '../../platform/recipe/answer-value.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { requireComplete, resolveAnswers } from '../answers/resolve.js';
import type { OpenDeployment } from '../lifecycle/lifecycle.js';

/** Stands for a secret kept on the host: an update never sees its value (a provider that needs it refuses). */
export function keptSecretPlaceholder(id: string): string {
  return `homelab-tui-kept-secret-${id}`;
}

/**
 * The recipe rendered for the deployment at version `to`: its recorded answers (secrets as
 * placeholders; questions new in the recipe take their defaults) with the version changed. For
 * providers whose update re-runs the recipe's install steps (Proxmox LXC).
 */
export function renderForUpdate(deployment: OpenDeployment, recipe: Recipe, to: string): RenderedInputs {
  const { record, entry } = deployment;
  if (!entry) throw new UserError(`this build has no ${record.provider} provider`);
  const saved = {
    source: `the record of ${record.name}`,
    values: { ...(record.answers as Record<string, AnswerValue>), ...Object.fromEntries(record.secretKeys.map((id) => [id, keptSecretPlaceholder(id)])), version: to },
  };
  const answers = requireComplete(resolveAnswers(recipe, record.provider, { saved }, { name: record.name, generateSecrets: false }));
  return entry.install(recipe, answers).inputs;
}
