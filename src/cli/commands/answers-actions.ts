import { createInterface } from 'node:readline/promises';
import { readAnswersFile } from '../../services/answers/answers-file.js';
import { answersFileText } from '../../services/answers/answers-template.js';
import { parseSetFlags } from '../../services/answers/explicit-values.js';
import { maskedAnswers } from '../../services/answers/mask.js';
import { requireComplete, resolveAnswers, type Resolution } from '../../services/answers/resolve.js';
import { diffSaved, formatChanges, loadSavedAnswers, valuesToSave, writeSavedAnswers } from '../../services/answers/saved-answers.js';
import { findRecipe, loadCatalog } from '../../services/catalog/catalog.js';
import { questionsFor, supportedProviders } from '../../platform/recipe/questions.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { UserError } from '../../platform/errors.js';
import type { CliContext } from '../context.js';
import type { CommandAction } from '../program.js';
import { providerOption } from './provider-option.js';
import { showCommand } from '../../platform/show-command.js';

export const answersCommand: CommandAction = async (ctx, args, options) => {
  const recipe = findRecipe(await loadCatalog(), args[0] ?? '');
  const provider = providerOption(recipe, options.provider);
  const sets = (options.set as string[] | undefined) ?? [];
  const file = typeof options.answers === 'string' ? await readAnswersFile(options.answers, questionsFor(recipe)) : undefined;
  const saved = await loadSavedAnswers(ctx.paths.answersDir, recipe);
  if (options.save) {
    await saveDefaults(ctx, recipe, { given: [parseSetFlags(sets, questionsFor(recipe)), file], saved }, options);
    return;
  }
  if (options.check) {
    // Which questions apply depends on the provider; an app with one provider needs no --provider.
    const only = supportedProviders(recipe);
    const target = provider ?? (only.length === 1 ? only[0] : undefined);
    if (!target) throw new UserError('--check needs --provider', `${recipe.name} can be installed with: ${only.join(', ')}`);
    const resolution = resolveAnswers(recipe, target, { sets, file, saved }, { generateSecrets: false });
    printNotes(resolution);
    requireComplete(resolution);
    if (options.json) ctx.printJson(resolutionJson(resolution));
    else ctx.print(`the answers for ${recipe.id} on ${target} are complete`);
    return;
  }
  const resolution = resolveAnswers(recipe, provider, { sets, file, saved }, { generateSecrets: false });
  printNotes(resolution);
  if (options.json) ctx.printJson(resolutionJson(resolution));
  else ctx.print(answersFileText(resolution));
};

function resolutionJson(resolution: Resolution) {
  return {
    app: resolution.recipe.id,
    provider: resolution.provider ?? null,
    answers: maskedAnswers(resolution.questions, resolution.answers),
    origins: resolution.origins,
    missing: resolution.missing.map((q) => q.id),
    ignored: resolution.ignored,
  };
}

/** Notes go to stderr, so that stdout stays a clean answers file when redirected. */
function printNotes(resolution: Resolution): void {
  for (const note of resolution.ignored) process.stderr.write(`note: ${note.id} is ignored: ${note.reason}\n`);
}

async function saveDefaults(ctx: CliContext, recipe: Recipe, layers: Parameters<typeof valuesToSave>[1], options: Record<string, unknown>): Promise<void> {
  const includeSecrets = options.includeSecrets === true;
  const questions = questionsFor(recipe);
  const before = layers.saved?.values ?? {};
  const after = valuesToSave(recipe, layers, { includeSecrets });
  const withSecrets = valuesToSave(recipe, layers, { includeSecrets: true });
  const left = Object.keys(withSecrets).filter((id) => withSecrets[id] !== after[id]);
  if (left.length > 0) process.stderr.write(`note: not saving secret${left.length === 1 ? '' : 's'} ${left.join(', ')} (add --include-secrets to save them)\n`);
  const changes = diffSaved(questions, before, after);
  if (changes.length === 0) {
    ctx.print(`no changes to the saved answers for ${recipe.id}`);
    return;
  }
  ctx.print(`Saved answers for ${recipe.id} would change:\n${formatChanges(changes)}`);
  if (options.yes !== true) {
    if (!ctx.interactive) throw new UserError('not saved: confirm with --yes (there is no terminal to ask on)', `${showCommand(['homelab-tui', 'answers', recipe.id, '--save', '--yes'])} …`);
    if (!(await confirm(`Save these as the defaults for ${recipe.id}? [y/N] `))) {
      ctx.print('not saved');
      return;
    }
  }
  ctx.print(`saved to ${await writeSavedAnswers(ctx.paths.answersDir, recipe, after)}`);
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
