import type { Command } from 'commander';
import { lazyAction } from '../program.js';

/** `update NAME` and `update --check`: a new version with a verified backup, a health gate and automatic rollback. */
export function declareUpdateCommands(program: Command): void {
  program
    .command('update')
    .description('update a deployment to the newest version its recipe knows (or --to): backup, health gate, automatic rollback with the data; --check lists what has a newer version')
    .argument('[name]', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('--to <version>', 'the version to go to (default: the newest the catalog knows)')
    .option('--allow-downgrade', 'allow --to an older version')
    .option('--check', 'only list the deployments with a newer version in the catalog')
    .option('--keep-on-failure', 'leave the failed new version in place (for debugging) instead of rolling back')
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await import('./update-actions.js')).updateCommand));
  program
    .command('rollback')
    .description('go back to the last good release (a safety backup first; --restore-data also puts back the data from the backup taken before the running release)')
    .argument('<name>', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('--restore-data', 'put back the data as it was before the running release went in (what was written since is lost; the safety backup keeps it)')
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await import('./update-actions.js')).rollbackCommand));
}
