import tab from '@bomb.sh/tab/commander';
import type { Argument, Complete, RootCommand } from '@bomb.sh/tab';
import { resolvePaths } from '../../platform/config/paths.js';
import { allHosts, loadInventory } from '../../platform/config/inventory.js';
import { cachedDeployments } from '../../services/lifecycle/deployment-cache.js';
import { listedRecipes, loadCatalog } from '../../services/catalog/catalog.js';
import { findRecipeDir } from '../../services/catalog/recipe-dir.js';
import type { CliContext } from '../context.js';
import { buildProgram } from '../program.js';

const NAME = 'homelab-tui';

/** `completion SHELL`: the script, which calls `homelab-tui complete -- WORDS…` at each TAB. */
export async function printCompletionScript(_ctx: CliContext, args: string[]): Promise<void> {
  completionTree(emptySources()).setup(NAME, NAME, args[0] ?? 'bash');
}

/** `complete -- WORDS…`: one candidate a line (`value\tdescription`), then the shell directive. */
export async function printCandidates(ctx: CliContext, words: string[]): Promise<void> {
  const sources = await readSources(configDirIn(words) ?? ctx.paths.configDir, configDirIn(words) !== undefined);
  completionTree(sources).parse(words);
}

/** What the dynamic candidates come from: the inventory, the local deployment cache, the catalog. */
interface Sources {
  hosts: string[];
  deployments: { name: string; host: string; app: string }[];
  apps: { id: string; name: string }[];
}

function emptySources(): Sources {
  return { hosts: [], deployments: [], apps: [] };
}

/** Each source read on its own: a broken file costs its candidates, never the completion. */
async function readSources(configDir: string, fromWords: boolean): Promise<Sources> {
  const paths = fromWords ? resolvePaths({ configDir }) : resolvePaths({});
  const [hosts, deployments, apps] = await Promise.all([
    loadInventory(paths.hostsFile).then((inv) => allHosts(inv).map((h) => h.name)).catch(() => []),
    cachedDeployments(paths.cacheDir).then((records) => records.map((r) => ({ name: r.name, host: r.host, app: r.app }))).catch(() => []),
    loadCatalog(process.env.HOMELAB_TUI_CATALOG_DIR || findRecipeDir())
      .then((catalog) => listedRecipes(catalog, process.env.HOMELAB_TUI_TEST_APPS === '1').map((r) => ({ id: r.id, name: r.name })))
      .catch(() => []),
  ]);
  return { hosts, deployments, apps };
}

/** `--config-dir DIR` (or `=DIR`) typed on the line being completed. */
function configDirIn(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length - 1; i++) {
    const word = words[i] ?? '';
    if (word === '--config-dir' && i + 1 < words.length - 1) return words[i + 1];
    if (word.startsWith('--config-dir=')) return word.slice('--config-dir='.length);
  }
  return undefined;
}

/**
 * The command tree from the commander declarations (tab's commander adapter), with the dynamic
 * candidates hung on the arguments and options that take them: `<app>`, `<name>` of a deployment,
 * `--host`.
 */
function completionTree(loaded: Sources): RootCommand {
  // The adapter adds its own `completion` and `complete` to the program it is given.
  const root = tab(buildProgram({ completion: false }), { completionCommandName: 'completion' });
  const hosts = (complete: Complete) => loaded.hosts.forEach((h) => complete(h, h === 'local' ? 'this machine' : 'inventory host'));
  const apps = (complete: Complete) => loaded.apps.forEach((a) => complete(a.id, a.name));
  const deployments = (complete: Complete) => loaded.deployments.forEach((d) => complete(d.name, `${d.app} on ${d.host}`));
  for (const [path, command] of [['', root] as const, ...root.commands]) {
    const hostOption = command.options.get('host');
    if (hostOption) hostOption.handler = hosts;
    for (const argument of command.arguments.values()) {
      const handler = argumentHandler(path, argument, { hosts, apps, deployments });
      if (handler) argument.handler = handler;
    }
  }
  return root;
}

type Handler = (complete: Complete) => void;

function argumentHandler(path: string, argument: Argument, by: { hosts: Handler; apps: Handler; deployments: Handler }): Handler | undefined {
  if (argument.name === 'app') return by.apps;
  if (path.startsWith('hosts ')) return path === 'hosts add' ? undefined : by.hosts;
  if (argument.name === 'name') return by.deployments;
  return undefined;
}
