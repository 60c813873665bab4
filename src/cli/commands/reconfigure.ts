import type { Command } from 'commander';
import { lazyAction } from '../program.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `reconfigure NAME`: change a running deployment's answers, reviewed as a diff, applied with the health gate and undo. */
export function declareReconfigureCommand(program: Command): void {
  program
    .command('reconfigure')
    .description("change a deployment's answers (port, resources…): shows the answers and file diffs and what it implies, applies them with a health gate, and puts the old configuration back on failure")
    .argument('<name>', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('--set <key=value>', 'change one answer (repeatable); wins over --answers', collect, [])
    .option('--answers <file>', 'changes from this YAML file (question id: value)')
    .option('-y, --yes', 'do not ask: warnings are accepted')
    .option('--dry-run', 'show the diff and the plan, and change nothing')
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await import('./reconfigure-actions.js')).reconfigureCommand));
}
