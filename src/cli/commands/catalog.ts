import { Command } from 'commander';
import { lazyAction } from '../program.js';

/** `catalog list|show`: the apps homelab-tui can install and the questions each asks. */
export function declareCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('the apps homelab-tui can install');
  catalog
    .command('list')
    .description('list the apps (test apps only with --all or HOMELAB_TUI_TEST_APPS=1)')
    .option('--json', 'print JSON')
    .option('--all', 'include test apps')
    .action(lazyAction(async () => (await import('./catalog-actions.js')).listCatalog));
  catalog
    .command('show')
    .description('show an app: versions, providers, minimums and every question with its default')
    .argument('<app>', 'the app id, as in `catalog list`')
    .option('--provider <provider>', 'only the questions for this provider (compose, proxmox-lxc, k3s)')
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await import('./catalog-actions.js')).showRecipe));
}
