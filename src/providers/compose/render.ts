import { BugError, UserError } from '../../platform/errors.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { commonFields, hostPathIn, probedPort, renderBackup, renderHealth } from '../../platform/recipe/render/common.js';
import { publicHostOf } from '../../platform/recipe/render/public-host.js';
import { createScope, text } from '../../platform/recipe/render/scope.js';
import { renderServices } from '../../platform/recipe/render/services.js';
import type { BackupInputs, RenderedService } from '../../platform/recipe/render/rendered.js';
import type { ComposeInputs } from './inputs.js';

/**
 * Renders a recipe's compose section with complete answers (see resolveAnswers) into the inputs of
 * the compose provider. The health port is the published host port, since the probe runs on the host.
 */
export function renderComposeInputs(recipe: Recipe, answers: Answers): ComposeInputs {
  const section = recipe.compose;
  if (!section) throw new UserError(`${recipe.name} has no compose recipe`, 'see the providers in: homelab-tui catalog show ' + recipe.id);
  const scope = createScope(recipe, 'compose', answers);
  const services = renderServices(scope, section.services, 'compose.services');
  const probed = probedPort(scope, services);
  const publicHost = publicHostOf(recipe, 'compose', answers);
  if (probed.port.host === undefined) throw new BugError(`${recipe.id}: the health port "${recipe.health.port}" of ${probed.service.name} is not published on the host`);
  return {
    provider: 'compose',
    ...commonFields(scope),
    project: text(scope, '{{ compose_project }}', 'compose_project'),
    services,
    health: renderHealth(recipe.health, probed.service.name, probed.port.host),
    backup: withDatabaseFolders(renderBackup(scope, section.backup, services[0]?.name, (service, path) => hostPathIn(services, service, path)), services),
    ...(publicHost ? { publicHost } : {}),
    ...(section.firstLogin ? { firstLogin: section.firstLogin } : {}),
  };
}

/** A database server in a service of the project: the host folders of that service's data volumes, where it keeps its files. */
function withDatabaseFolders(backup: BackupInputs, services: readonly RenderedService[]): BackupInputs {
  const db = backup.database;
  if (!db || db.kind === 'sqlite' || !db.service) return backup;
  const service = services.find((s) => s.name === db.service);
  const hostPaths = (service?.volumes ?? []).filter((v) => v.kind === 'data' && v.hostPath !== undefined).map((v) => v.hostPath as string);
  return { ...backup, database: { ...db, hostPaths } };
}
