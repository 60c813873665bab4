import type { Answers } from '../../platform/recipe/answer-value.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import type { Question } from '../../platform/recipe/question-schema.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { RECORD_SCHEMA, type DeploymentRecord } from '../../platform/deployments/deployment-record.js';

/**
 * The provider-neutral part of a new deployment's record: the answers without secret values (only
 * which keys were secret) and the first release. The provider adds its references when it plans.
 */
export function newRecord(options: { name: string; recipe: Recipe; provider: ProviderId; host: string; questions: Question[]; answers: Answers; now: Date }): DeploymentRecord {
  const secret = new Set(options.questions.filter((q) => q.type === 'secret').map((q) => q.id));
  const version = String(options.answers.version ?? options.recipe.versions[0]);
  const at = options.now.toISOString();
  return {
    schema: RECORD_SCHEMA,
    name: options.name,
    app: options.recipe.id,
    version,
    provider: options.provider,
    host: options.host,
    createdAt: at,
    updatedAt: at,
    answers: Object.fromEntries(Object.entries(options.answers).filter(([id]) => !secret.has(id))),
    secretKeys: Object.keys(options.answers).filter((id) => secret.has(id)),
    refs: {},
    urls: [],
    releases: [{ version, at }],
  };
}
