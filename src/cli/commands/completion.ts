import { Argument, Command } from 'commander';
import { lazyAction } from '../program.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

/**
 * `completion bash|zsh|fish` prints the shell's completion script; the script asks the hidden
 * `complete -- WORDS…` for candidates (commands, options, host names, deployment names, app ids).
 */
export function declareCompletionCommands(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (source it: source <(homelab-tui completion bash))')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .action(lazyAction(async () => (await import('./completion-actions.js')).printCompletionScript));
  program
    .command('complete', { hidden: true })
    .description('the candidates for a command line (what the completion scripts call)')
    .argument('[words...]', 'the words of the command line after homelab-tui, the last one being completed')
    .allowUnknownOption(true)
    .helpOption(false)
    .action(lazyAction(async () => (await import('./completion-actions.js')).printCandidates));
}
