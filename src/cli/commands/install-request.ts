import { readAnswersFile } from '../../services/answers/answers-file.js';
import { explicitValue } from '../../services/answers/explicit-values.js';
import { loadSavedAnswers } from '../../services/answers/saved-answers.js';
import { findRecipe } from '../../services/catalog/catalog.js';
import { allowedText } from '../../platform/recipe/question-values.js';
import { questionsFor, supportedProviders } from '../../platform/recipe/questions.js';
import { UserError } from '../../platform/errors.js';
import { installTarget, resolveInstallAnswers, type InstallRequest } from '../../services/install/prepare-install.js';
import type { CliContext } from '../context.js';
import { ask } from '../prompt.js';
import type { Session } from '../session.js';
import type { Catalog } from '../../services/catalog/catalog.js';

type CatalogSession = Session & { catalog: Catalog };
import { providerOption } from './provider-option.js';

/** The install request the flags describe: app, --host, --provider (implied when the app has one), --name, answers. */
export async function installRequest(ctx: CliContext, session: CatalogSession, app: string, options: Record<string, unknown>): Promise<InstallRequest> {
  const recipe = findRecipe(session.catalog, app);
  const supported = supportedProviders(recipe);
  const provider = providerOption(recipe, options.provider) ?? (supported.length === 1 ? supported[0] : undefined);
  if (!provider) throw new UserError(`${recipe.name} can be installed with ${supported.join(', ')}: choose one with --provider`);
  const file = typeof options.answers === 'string' ? await readAnswersFile(options.answers, questionsFor(recipe)) : undefined;
  const saved = await loadSavedAnswers(ctx.paths.answersDir, recipe);
  return {
    app: recipe.id,
    host: String(options.host),
    provider,
    ...(typeof options.name === 'string' ? { name: options.name } : {}),
    answers: { sets: (options.set as string[] | undefined) ?? [], ...(file ? { file } : {}), ...(saved ? { saved } : {}) },
    ...(options.reuseData === true ? { reuseData: true } : {}),
  };
}

/**
 * On a terminal without --yes: asks each missing answer (checked like --set) and returns the request
 * with them added as --set values. Elsewhere prepareInstall fails at once with the list.
 */
export async function askMissingAnswers(session: CatalogSession, request: InstallRequest): Promise<InstallRequest> {
  const { recipe, entry, name } = installTarget(request, session);
  const sets = [...(request.answers.sets ?? [])];
  for (;;) {
    const missing = resolveInstallAnswers(recipe, entry, request.provider, name, { ...request.answers, sets }).missing[0];
    if (!missing) return { ...request, answers: { ...request.answers, sets } };
    const text = await ask(`${missing.label} (${missing.id}; ${allowedText(missing)}): `);
    const checked = explicitValue(missing, text, missing.id);
    if (!checked.ok) process.stderr.write(`${checked.message}\n`);
    else sets.push(`${missing.id}=${text}`);
  }
}
