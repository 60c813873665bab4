import { Command, CommanderError, Option } from 'commander';
import { didYouMean } from '../platform/did-you-mean.js';
import type { CliContext, GlobalOptions } from './context.js';
import { runAction } from './run-action.js';
import { VERSION } from './version.js';
import { declareAnswersCommands } from './commands/answers.js';
import { declareCatalogCommands } from './commands/catalog.js';
import { declareDeploymentCommands } from './commands/deployments.js';
import { declareReconfigureCommand } from './commands/reconfigure.js';
import { declareUpdateCommands } from './commands/update.js';
import { declareBackupCommands } from './commands/backups.js';
import { declareHostsCommands } from './commands/hosts.js';
import { declareCompletionCommands } from './commands/completion.js';

/** A command's implementation, loaded only when that command runs. */
export type CommandAction = (ctx: CliContext, args: string[], options: Record<string, unknown>) => Promise<void>;

/**
 * Wraps a lazily imported implementation as a commander action: the declarations (names, flags, help)
 * stay in the small start-up chunk, the code behind them loads on use.
 */
export function lazyAction(load: () => Promise<CommandAction>) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const options = command.opts();
    const globals = command.optsWithGlobals() as GlobalOptions;
    const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a.map(String) : a === undefined ? [] : [String(a)]));
    await runAction(globals, load, args, options);
  };
}

/** Builds the whole command tree; help text is generated from these declarations. */
export function buildProgram(options: { completion?: boolean } = {}): Command {
  const program = new Command('homelab-tui')
    .description(
      'Install, watch and maintain self-hosted services on Proxmox LXC, Docker/Podman compose and k3s hosts.\n' +
        'With no command it opens the full-screen app (in a terminal).',
    )
    .version(VERSION, '-V, --version', 'print the version and exit')
    .addOption(new Option('--debug', 'show stack traces and log debug detail'))
    .addOption(new Option('--config-dir <dir>', 'keep config and state in DIR instead of the XDG locations'))
    .addOption(new Option('--ssh-config <file>', 'read this ssh config instead of ~/.ssh/config (like ssh -F)'))
    .showSuggestionAfterError(true)
    .exitOverride();
  const openApp = lazyAction(async () => (await import('./commands/app.js')).openApp);
  // The root has an action (open the app), so commander would call a mistyped command "too many
  // arguments"; say what it is instead.
  program.allowExcessArguments(true).action(async (...received: unknown[]) => {
    const [unknown] = program.args;
    if (unknown !== undefined) {
      const guess = didYouMean(unknown, program.commands.map((c) => c.name()));
      program.error(`error: unknown command '${unknown}'${guess ? `\n(Did you mean ${guess}?)` : ''}`, {
        code: 'commander.unknownCommand',
        exitCode: 2,
      });
    }
    await openApp(...received);
  });

  declareHostsCommands(program);
  declareCatalogCommands(program);
  declareAnswersCommands(program);
  declareDeploymentCommands(program);
  declareReconfigureCommand(program);
  // The completion tree is built from a program without them (tab's adapter adds its own).
  if (options.completion !== false) declareCompletionCommands(program);
  declareUpdateCommands(program);
  declareBackupCommands(program);
  return program;
}

/** Exit code for a commander parse error: help and version are successes, the rest is bad usage. */
export function exitCodeOfCommanderError(error: CommanderError): number {
  return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
}
