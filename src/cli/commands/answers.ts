import { Command } from 'commander';
import { lazyAction } from '../program.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `answers APP`: write an answers file, check answers, or save them as the app's defaults. */
export function declareAnswersCommands(program: Command): void {
  program
    .command('answers')
    .description(
      'print a commented answers file with every question of an app (homelab-tui answers vikunja > answers.yaml),\n' +
        'check that answers are complete (--check), or save them as the defaults for every install (--save)',
    )
    .argument('<app>', 'the app id, as in `catalog list`')
    .option('--provider <provider>', 'compose, proxmox-lxc or k3s (default: every provider the app supports)')
    .option('--answers <file>', 'start from the answers in this YAML file')
    .option('--set <key=value>', 'answer one question (repeatable); wins over --answers and saved defaults', collect, [])
    .option('--check', 'fail (exit 2) and list every missing answer, as `install --yes` would')
    .option('--save', 'save the given answers as this app\'s defaults, after showing what changes')
    .option('--include-secrets', 'with --save: save secret answers too (they are left out otherwise)')
    .option('-y, --yes', 'with --save: save without asking')
    .option('--json', 'print JSON (answers with secrets masked) instead of a YAML file')
    .action(lazyAction(async () => (await import('./answers-actions.js')).answersCommand));
}
