import { findRecipe, listedRecipes, loadCatalog } from '../../services/catalog/catalog.js';
import { isProviderQuestionId, providerQuestions } from '../../platform/recipe/provider-questions.js';
import { PROVIDER_LABELS } from '../../platform/recipe/provider-ids.js';
import { questionsFor, supportedProviders } from '../../platform/recipe/questions.js';
import { defaultText, questionNotes, questionSummary, recipeSummary } from '../describe-recipe.js';
import { formatTable } from '../format-table.js';
import type { CommandAction } from '../program.js';
import { providerOption } from './provider-option.js';
import { showCommand } from '../../platform/show-command.js';

export const listCatalog: CommandAction = async (ctx, _args, options) => {
  const includeTest = options.all === true || process.env.HOMELAB_TUI_TEST_APPS === '1';
  const recipes = listedRecipes(await loadCatalog(), includeTest);
  if (options.json) {
    ctx.printJson(recipes.map(recipeSummary));
    return;
  }
  const rows = recipes.map((r) => [r.id, `${r.name}${r.test ? ' (test)' : ''}`, r.versions[0] ?? '', supportedProviders(r).join(', '), r.description]);
  ctx.print(formatTable(['APP', 'NAME', 'VERSION', 'PROVIDERS', 'DESCRIPTION'], rows));
  ctx.print('\nMore about one app: homelab-tui catalog show APP');
};

export const showRecipe: CommandAction = async (ctx, args, options) => {
  const recipe = findRecipe(await loadCatalog(), args[0] ?? '');
  const provider = providerOption(recipe, options.provider);
  const providers = provider ? [provider] : supportedProviders(recipe);
  const own = questionsFor(recipe, provider).filter((q) => !isProviderQuestionId(q.id));
  const { minimums } = recipe;
  if (options.json) {
    ctx.printJson({
      ...recipeSummary(recipe),
      health: recipe.health,
      questions: own.map(questionSummary),
      providerQuestions: Object.fromEntries(providers.map((p) => [p, providerQuestions(recipe, p).map(questionSummary)])),
    });
    return;
  }
  const lines = [
    `${recipe.name} (${recipe.id})${recipe.test ? ' — a test app, not offered to users' : ''}`,
    recipe.description,
    ...(recipe.homepage ? [recipe.homepage] : []),
    '',
    `versions:   ${recipe.versions.join(', ')} (default ${recipe.versions[0] ?? ''})`,
    `providers:  ${supportedProviders(recipe).map((p) => `${p} (${PROVIDER_LABELS[p]})`).join(', ')}`,
    `minimums:   ${minimums.cores} core${minimums.cores === 1 ? '' : 's'}, ${minimums.memory} memory, ${minimums.disk} disk`,
    `health:     ${recipe.health.kind === 'http' ? `HTTP GET ${recipe.health.path} → ${recipe.health.status}` : 'TCP connect'} on port "${recipe.health.port}"`,
    '',
  ];
  const table = (title: string, questions: typeof own): string[] => [
    title,
    formatTable(['KEY', 'TYPE', 'DEFAULT', 'QUESTION', 'NOTES'], questions.map((q) => [q.id, q.type, defaultText(q), q.label, questionNotes(q)])),
    '',
  ];
  lines.push(...table('Questions (set with --set KEY=VALUE or in an answers file):', own));
  for (const p of providers) lines.push(...table(`Only for ${p}:`, providerQuestions(recipe, p)));
  lines.push(`An answers file to fill in: ${showCommand(['homelab-tui', 'answers', recipe.id, ...(provider ? ['--provider', provider] : [])])} > ${showCommand([`${recipe.id}.yaml`])}`);
  ctx.print(lines.join('\n'));
};
